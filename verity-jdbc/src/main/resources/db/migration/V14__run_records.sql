-- Richer run records: who asked (actor), how the run ended (outcome), the caller's feedback (rating indexed beside the
-- JSON text of the whole feedback) and one JSON text detail (filters, evidence with per-leg ranks, route, model
-- attempts, guard verdicts). JSON stays text: H2 has no JSON operators, and nothing queries inside it.
ALTER TABLE answer_runs ADD COLUMN actor VARCHAR(255) DEFAULT 'local' NOT NULL;
ALTER TABLE answer_runs ADD COLUMN outcome VARCHAR(16) DEFAULT 'answered' NOT NULL;
ALTER TABLE answer_runs ADD COLUMN rating VARCHAR(8);
ALTER TABLE answer_runs ADD COLUMN feedback TEXT;
ALTER TABLE answer_runs ADD COLUMN detail TEXT DEFAULT '{}' NOT NULL;

UPDATE answer_runs SET outcome = CASE
    WHEN refused_by IS NOT NULL THEN 'blocked'
    WHEN degraded_reason IS NOT NULL THEN 'degraded'
    WHEN abstained THEN 'abstained'
    ELSE 'answered' END;

-- a caller's own runs, newest first (GET /v1/runs without admin)
CREATE INDEX answer_runs_by_actor_time ON answer_runs (tenant, actor, run_at DESC, run_id DESC);
-- retention: delete the oldest
CREATE INDEX answer_runs_by_time ON answer_runs (run_at);
