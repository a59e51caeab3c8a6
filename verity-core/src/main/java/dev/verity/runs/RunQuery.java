package dev.verity.runs;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which runs to list: one tenant's, newest first, optionally narrowed. Immutable; each option returns a new query.
 *
 * <pre>{@code
 * RunQuery.of("acme").actor("key:k1").rating(Feedback.Rating.DOWN).limit(50)
 * }</pre>
 *
 * @param tenant whose runs (never another tenant's)
 * @param actor only runs asked by this caller; empty for every caller of the tenant
 * @param outcome only runs that ended so (one of {@link AnswerRun#OUTCOMES}); empty for all
 * @param rating only runs rated so; empty for all, rated or not
 * @param since only runs at or after this instant; empty for all
 * @param limit the most runs returned, 1 to {@link RunStore#MAX_RECENT}
 */
public record RunQuery(
        String tenant,
        Optional<String> actor,
        Optional<String> outcome,
        Optional<Feedback.Rating> rating,
        Optional<Instant> since,
        int limit) {
    /** Enough for a screen of runs. */
    public static final int DEFAULT_LIMIT = 20;

    public RunQuery {
        Checks.nonBlank(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outcome, "outcome");
        outcome.ifPresent(AnswerRun::checkOutcome);
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(since, "since");
        RunStore.checkLimit(limit);
    }

    /** The tenant's {@link #DEFAULT_LIMIT} most recent runs. */
    public static RunQuery of(String tenant) {
        return new RunQuery(
                tenant, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    public RunQuery actor(String by) {
        return new RunQuery(tenant, Optional.of(Checks.nonBlank(by, "actor")), outcome, rating, since, limit);
    }

    public RunQuery outcome(String how) {
        return new RunQuery(tenant, actor, Optional.of(how), rating, since, limit);
    }

    public RunQuery rating(Feedback.Rating rated) {
        return new RunQuery(tenant, actor, outcome, Optional.of(rated), since, limit);
    }

    public RunQuery since(Instant from) {
        return new RunQuery(tenant, actor, outcome, rating, Optional.of(from), limit);
    }

    public RunQuery limit(int most) {
        return new RunQuery(tenant, actor, outcome, rating, since, most);
    }

    /** True when {@code run} is one this query lists (limit aside). */
    public boolean matches(AnswerRun run) {
        return run.tenant().equals(tenant)
                && actor.map(run.actor()::equals).orElse(true)
                && outcome.map(run.outcome()::equals).orElse(true)
                && rating.map(r -> run.feedback().map(f -> f.rating() == r).orElse(false))
                        .orElse(true)
                && since.map(s -> !run.at().isBefore(s)).orElse(true);
    }
}
