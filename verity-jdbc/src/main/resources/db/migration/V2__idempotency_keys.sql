-- Responses remembered by Idempotency-Key, so a client retrying a request gets the same response (same trace id)
-- without a second model call. status NULL means the first request is still being processed.
CREATE TABLE idempotency_keys (
    idempotency_key VARCHAR(255)             NOT NULL PRIMARY KEY,
    request_hash    VARCHAR(64)              NOT NULL,
    status          INTEGER,
    response        TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
