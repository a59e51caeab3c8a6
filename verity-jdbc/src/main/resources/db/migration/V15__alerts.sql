-- Alerts raised (drift, budgets) and how their delivery to the webhook went. Details are JSON text (the numbers
-- behind the alert: window, baseline, threshold, samples; never question text). tenant '*' is the whole service.
CREATE TABLE alerts (
    id        VARCHAR(32)              NOT NULL PRIMARY KEY,
    alert_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    rule      VARCHAR(64)              NOT NULL,
    severity  VARCHAR(16)              NOT NULL,
    tenant    VARCHAR(64)              NOT NULL,
    summary   TEXT                     NOT NULL,
    details   TEXT                     NOT NULL,
    delivery  VARCHAR(16)              NOT NULL,
    attempts  INTEGER                  NOT NULL
);

-- recent(tenant, limit): the newest alerts first.
CREATE INDEX alerts_by_time ON alerts (alert_at DESC, id);
