-- The durable ingestion queue: one batch per submission, one job per file. Workers lease jobs with
-- SELECT ... FOR UPDATE SKIP LOCKED and renew the lease while they work; a job becomes terminal only in the
-- transaction that also writes its document's catalogue record, after the index has committed its chunks.

CREATE TABLE ingest_batches (
    id         VARCHAR(40)              NOT NULL PRIMARY KEY,
    tenant     VARCHAR(128)             NOT NULL,
    collection VARCHAR(64)              NOT NULL,
    acl        VARCHAR(8192)            NOT NULL, -- principals, newline-separated; empty: everyone in the collection
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ingest_batches_by_age ON ingest_batches (created_at);

CREATE TABLE ingest_jobs (
    id            VARCHAR(40)              NOT NULL PRIMARY KEY,
    batch_id      VARCHAR(40)              NOT NULL REFERENCES ingest_batches (id) ON DELETE CASCADE,
    seq           INTEGER                  NOT NULL,
    source        VARCHAR(2048)            NOT NULL,
    document_id   VARCHAR(64)              NOT NULL,
    blob_sha256   VARCHAR(64),
    size_bytes    BIGINT                   NOT NULL,
    status        VARCHAR(16)              NOT NULL, -- queued, running, indexed, unchanged, rejected, quarantined
    attempts      INTEGER                  NOT NULL DEFAULT 0,
    leases        INTEGER                  NOT NULL DEFAULT 0,
    not_before    TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner   VARCHAR(255),
    lease_until   TIMESTAMP WITH TIME ZONE,
    reason        VARCHAR(32),
    detail        VARCHAR(4096),
    chunks        INTEGER                  NOT NULL DEFAULT 0,
    version       INTEGER                  NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ingest_jobs_ready ON ingest_jobs (status, not_before);
CREATE INDEX ingest_jobs_by_batch ON ingest_jobs (batch_id, seq);
CREATE INDEX ingest_jobs_by_blob ON ingest_jobs (blob_sha256);
CREATE INDEX documents_by_content ON documents (content_sha256);
