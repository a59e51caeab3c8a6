-- One row per answer run, its id the request's trace id. Principals are kept sorted, one per line ('' for none);
-- citations and timings are JSON text (H2 and PostgreSQL differ on JSON types; nothing queries inside them).
CREATE TABLE answer_runs (
    run_id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    run_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    tenant          VARCHAR(64)              NOT NULL,
    collection      VARCHAR(64)              NOT NULL,
    principals      TEXT                     NOT NULL,
    question        TEXT                     NOT NULL,
    answer          TEXT                     NOT NULL,
    abstained       BOOLEAN                  NOT NULL,
    cached          BOOLEAN                  NOT NULL,
    generator       VARCHAR(64)              NOT NULL,
    model           VARCHAR(255),
    prompt          VARCHAR(255),
    degraded_reason VARCHAR(255),
    refused_by      VARCHAR(255),
    citations       TEXT                     NOT NULL,
    input_tokens    BIGINT                   NOT NULL,
    output_tokens   BIGINT                   NOT NULL,
    cost_usd        NUMERIC(18, 8)           NOT NULL,
    timings_ms      TEXT                     NOT NULL
);

-- recent(tenant, limit): a tenant's newest runs first.
CREATE INDEX answer_runs_by_tenant_time ON answer_runs (tenant, run_at DESC, run_id DESC);
