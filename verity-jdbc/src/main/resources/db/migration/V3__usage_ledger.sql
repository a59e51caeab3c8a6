-- What answering cost, per day, caller, collection and model: one row each, counters incremented per answer.
CREATE TABLE usage_ledger (
    usage_day     DATE           NOT NULL,
    caller        VARCHAR(512)   NOT NULL,
    collection    VARCHAR(64)    NOT NULL,
    model         VARCHAR(255)   NOT NULL,
    requests      BIGINT         NOT NULL,
    input_tokens  BIGINT         NOT NULL,
    output_tokens BIGINT         NOT NULL,
    cost_usd      NUMERIC(18, 8) NOT NULL,
    PRIMARY KEY (usage_day, caller, collection, model)
);
