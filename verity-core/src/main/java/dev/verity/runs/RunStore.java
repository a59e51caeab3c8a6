package dev.verity.runs;

import java.time.Instant;
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
 * first record stays); {@link #list} lists a tenant's runs newest first and never another tenant's; feedback replaces
 * the run's earlier feedback; {@link #purge} deletes runs older than a moment.
 */
public interface RunStore {
    /** The most runs one {@link #recent} call returns. */
    int MAX_RECENT = 1_000;

    /** Keeps {@code run}; a run id already kept is ignored. */
    void record(AnswerRun run);

    /** The run with this id; empty when there is none (or it was evicted). */
    Optional<AnswerRun> find(String runId);

    /** The runs {@code query} asks for, newest first (by time, then by run id). */
    List<AnswerRun> list(RunQuery query);

    /**
     * @param tenant whose runs
     * @param limit the most runs to return, 1 to {@link #MAX_RECENT}
     * @return the tenant's most recent runs, newest first (by time, then by run id)
     */
    default List<AnswerRun> recent(String tenant, int limit) {
        return list(RunQuery.of(tenant).limit(limit));
    }

    /**
     * Stores {@code feedback} on its run (the run of its trace id, in its tenant), replacing earlier feedback.
     *
     * @return the run with the feedback; empty when there is no such run in that tenant (never kept, or purged)
     */
    Optional<AnswerRun> feedback(Feedback feedback);

    /** Deletes the runs recorded before {@code before}; returns how many. */
    int purge(Instant before);

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
            public List<AnswerRun> list(RunQuery query) {
                return List.of();
            }

            @Override
            public Optional<AnswerRun> feedback(Feedback feedback) {
                return Optional.empty();
            }

            @Override
            public int purge(Instant before) {
                return 0;
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
            public List<AnswerRun> list(RunQuery query) {
                return store.get().list(query);
            }

            @Override
            public Optional<AnswerRun> feedback(Feedback feedback) {
                return store.get().feedback(feedback);
            }

            @Override
            public int purge(Instant before) {
                return store.get().purge(before);
            }
        };
    }

    /**
     * A store that keeps every run that did not simply answer (abstained, degraded and blocked runs are what review
     * needs) and a share {@code rate} of the answered ones, drawn by {@code random}; reads go to {@code store}.
     *
     * @param rate in [0, 1]: 1 keeps every run, 0 keeps only the unusual ones
     */
    static RunStore sampled(RunStore store, double rate, java.util.random.RandomGenerator random) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(random, "random");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("sample rate must be in [0, 1], got " + rate);
        }
        if (rate == 1) {
            return store;
        }
        return new RunStore() {
            @Override
            public void record(AnswerRun run) {
                if (!run.outcome().equals("answered") || random.nextDouble() < rate) {
                    store.record(run);
                }
            }

            @Override
            public Optional<AnswerRun> find(String runId) {
                return store.find(runId);
            }

            @Override
            public List<AnswerRun> list(RunQuery query) {
                return store.list(query);
            }

            @Override
            public Optional<AnswerRun> feedback(Feedback feedback) {
                return store.feedback(feedback);
            }

            @Override
            public int purge(Instant before) {
                return store.purge(before);
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
