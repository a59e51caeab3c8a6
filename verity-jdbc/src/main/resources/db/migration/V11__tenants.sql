-- Every record carries its tenant, and every read filters by it (issue 13). Rows written before tenants existed
-- belong to the tenant 'default', the one the CLI and an unauthenticated loopback server act in.
-- Documents, ingestion batches and answer runs carried a tenant already.

-- Conversations: visible only to the same tenant and the exact principals that started them.
ALTER TABLE conversations ADD COLUMN tenant VARCHAR(128) DEFAULT 'default' NOT NULL;

-- The usage ledger counts per tenant too: the tenant joins the primary key, so the table is rebuilt (portable across
-- H2 and PostgreSQL, which name primary-key constraints differently).
CREATE TABLE usage_ledger_v11 (
    usage_day     DATE           NOT NULL,
    tenant        VARCHAR(128)   NOT NULL,
    caller        VARCHAR(512)   NOT NULL,
    collection    VARCHAR(64)    NOT NULL,
    model         VARCHAR(255)   NOT NULL,
    requests      BIGINT         NOT NULL,
    input_tokens  BIGINT         NOT NULL,
    output_tokens BIGINT         NOT NULL,
    cost_usd      NUMERIC(18, 8) NOT NULL,
    PRIMARY KEY (usage_day, tenant, caller, collection, model)
);
INSERT INTO usage_ledger_v11
SELECT usage_day, 'default', caller, collection, model, requests, input_tokens, output_tokens, cost_usd
FROM usage_ledger;
DROP TABLE usage_ledger;
ALTER TABLE usage_ledger_v11 RENAME TO usage_ledger;

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
