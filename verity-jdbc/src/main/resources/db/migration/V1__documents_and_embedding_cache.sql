-- Portable SQL: runs unchanged on PostgreSQL 15 and on H2 2.4 in MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE.
-- No JSON columns (H2 and PostgreSQL disagree on JSON SQL); lists live in child tables.

CREATE TABLE documents (
    id             VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant         VARCHAR(128)             NOT NULL,
    collection     VARCHAR(64)              NOT NULL,
    source         VARCHAR(2048)            NOT NULL,
    title          VARCHAR(2048)            NOT NULL,
    media_type     VARCHAR(255)             NOT NULL,
    language       VARCHAR(16)              NOT NULL,
    content_sha256 VARCHAR(64)              NOT NULL,
    version        INTEGER                  NOT NULL,
    chunk_count    INTEGER                  NOT NULL,
    size_bytes     BIGINT                   NOT NULL,
    page_count     INTEGER                  NOT NULL,
    ingested_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX documents_by_collection ON documents (tenant, collection, source);

-- Principals allowed to see a document; no row means the document is public in its collection.
CREATE TABLE document_acl (
    document_id VARCHAR(64)  NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    principal   VARCHAR(256) NOT NULL,
    PRIMARY KEY (document_id, principal)
);

-- Passage vectors by model and content hash: re-ingesting unchanged text costs no model time.
CREATE TABLE embedding_cache (
    model        VARCHAR(128)             NOT NULL,
    content_hash VARCHAR(64)              NOT NULL,
    dimension    INTEGER                  NOT NULL,
    vector       BYTEA                    NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (model, content_hash)
);
