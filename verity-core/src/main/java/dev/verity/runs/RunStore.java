package dev.verity.runs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps one {@link AnswerRun} per answer: the audit trail of what was asked and answered, and the raw material of
 * cost reports, evaluation from real traffic and human review. Implementations: {@link #none()} (keeps nothing),
 * {@link InMemoryRunStore} (the most recent runs, bounded), {@link WriteBehindRunStore} (queues writes to another store
 * off the answer's path), {@code dev.verity.jdbc.JdbcRunStore} (H2 and PostgreSQL, in verity-jdbc).
 *
 * <p>Contract: a recorded run is found by its id exactly as recorded; recording a run id again replaces nothing (the
 * first record stays); {@link #recent} lists a tenant's runs newest first and never another tenant's.
 */
public interface RunStore {
    /** The most runs one {@link #recent} call returns. */
    int MAX_RECENT = 1_000;

    /** Keeps {@code run}; a run id already kept is ignored. */
    void record(AnswerRun run);

    /** The run with this id; empty when there is none (or it was evicted). */
    Optional<AnswerRun> find(String runId);

    /**
     * @param tenant whose runs
     * @param limit the most runs to return, 1 to {@link #MAX_RECENT}
     * @return the tenant's most recent runs, newest first (by time, then by run id)
     */
    List<AnswerRun> recent(String tenant, int limit);

    /** Keeps nothing: finds nothing. */
    static RunStore none() {
        return new RunStore() {
            @Override
            public void record(AnswerRun run) {}

            @Override
            public Optional<AnswerRun> find(String runId) {
                return Optional.empty();
            }

            @Override
            public List<AnswerRun> recent(String tenant, int limit) {
                checkLimit(limit);
                return List.of();
            }
        };
    }

    /**
     * A store that asks {@code store} for the real one at every call: for a composition root that opens the database
     * only when the first run is recorded. {@code store} must cache what it opens.
     */
    static RunStore lazy(Supplier<? extends RunStore> store) {
        Objects.requireNonNull(store, "store");
        return new RunStore() {
            @Override
            public void record(AnswerRun run) {
                store.get().record(run);
            }

            @Override
            public Optional<AnswerRun> find(String runId) {
                return store.get().find(runId);
            }

            @Override
            public List<AnswerRun> recent(String tenant, int limit) {
                return store.get().recent(tenant, limit);
            }
        };
    }

    /** Throws unless {@code limit} is in 1..{@link #MAX_RECENT}. */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_RECENT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_RECENT + ", got " + limit);
        }
        return limit;
    }
}
