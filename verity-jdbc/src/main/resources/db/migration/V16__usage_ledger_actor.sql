-- The usage ledger counts per actor too (the API key, token subject or local operator that asked), so that budgets
-- per key start from what the key spent before a restart (issue 15). The actor joins the primary key, so the table is
-- rebuilt as in V11 (portable across H2 and PostgreSQL). Lines written before name no actor: 'unknown'.
CREATE TABLE usage_ledger_v16 (
    usage_day     DATE           NOT NULL,
    tenant        VARCHAR(128)   NOT NULL,
    caller        VARCHAR(512)   NOT NULL,
    actor         VARCHAR(512)   NOT NULL,
    collection    VARCHAR(64)    NOT NULL,
    model         VARCHAR(255)   NOT NULL,
    requests      BIGINT         NOT NULL,
    input_tokens  BIGINT         NOT NULL,
    output_tokens BIGINT         NOT NULL,
    cost_usd      NUMERIC(18, 8) NOT NULL,
    PRIMARY KEY (usage_day, tenant, caller, actor, collection, model)
);
INSERT INTO usage_ledger_v16
SELECT usage_day, tenant, caller, 'unknown', collection, model, requests, input_tokens, output_tokens, cost_usd
FROM usage_ledger;
DROP TABLE usage_ledger;
ALTER TABLE usage_ledger_v16 RENAME TO usage_ledger;
