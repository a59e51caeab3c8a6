-- Every record carries its tenant, and every read filters by it (issue 13). Rows written before tenants existed
-- belong to the tenant 'default', the one the CLI and an unauthenticated loopback server act in.
-- Documents, ingestion batches and answer runs carried a tenant already.

-- Idempotency keys belong to the caller who sent them (tenant and actor): the same key from two callers is two keys.
-- Keys kept so far were sent by the only caller there was: the local one.
CREATE TABLE idempotency_keys_v11 (
    tenant          VARCHAR(128)             NOT NULL,
    actor           VARCHAR(512)             NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    request_hash    VARCHAR(64)              NOT NULL,
    status          INTEGER,
    response        TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, actor, idempotency_key)
);
INSERT INTO idempotency_keys_v11
SELECT 'default', 'local', idempotency_key, request_hash, status, response, created_at
FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_v11 RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
