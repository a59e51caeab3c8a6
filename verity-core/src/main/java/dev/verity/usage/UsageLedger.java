package dev.verity.usage;

import dev.verity.internal.Checks;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts what answering costs, per day, tenant, caller, collection and model. Implementations: {@code JdbcUsageLedger} in
 * {@code verity-jdbc}; {@link #none()}.
 */
public interface UsageLedger {

    /**
     * One line of the ledger.
     *
     * @param tenant the tenant the answer was given in
     * @param caller the caller's principals, sorted and comma-joined; {@code anonymous} without any
     * @param actor who asked ({@code key:<id>}, {@code jwt:…}, {@code local}; {@link #UNKNOWN_ACTOR} for lines
     *     written before actors were counted): what budgets per key are kept by
     * @param model the model that answered, or {@code extractive}
     */
    record Entry(
            LocalDate day,
            String tenant,
            String caller,
            String actor,
            String collection,
            String model,
            long requests,
            long inputTokens,
            long outputTokens,
            double costUsd) {
        public Entry {
            Objects.requireNonNull(day, "day");
            Checks.nonBlank(tenant, "tenant");
            Checks.nonBlank(caller, "caller");
            Checks.nonBlank(actor, "actor");
            Checks.nonBlank(collection, "collection");
            Checks.nonBlank(model, "model");
        }

        /** A line whose actor is not known ({@link #UNKNOWN_ACTOR}). */
        public Entry(
                LocalDate day,
                String tenant,
                String caller,
                String collection,
                String model,
                long requests,
                long inputTokens,
                long outputTokens,
                double costUsd) {
            this(day, tenant, caller, UNKNOWN_ACTOR, collection, model, requests, inputTokens, outputTokens, costUsd);
        }
    }

    /** The actor of ledger lines written before the ledger counted actors. */
    String UNKNOWN_ACTOR = "unknown";

    /** Adds one answer's usage to its day's line (creating the line when needed). */
    void record(Entry usage);

    /**
     * The tenant's lines from {@code from} to {@code to} inclusive, by day, caller, collection and model; other
     * tenants' lines are filtered out inside the store's query.
     */
    List<Entry> between(String tenant, LocalDate from, LocalDate to);

    /** The caller as the ledger names it: the sorted principals, comma-joined, or {@code anonymous}. */
    static String caller(Set<String> principals) {
        return principals.isEmpty() ? "anonymous" : String.join(",", new TreeSet<>(principals));
    }

    /** A ledger that keeps nothing. */
    static UsageLedger none() {
        return new UsageLedger() {
            @Override
            public void record(Entry usage) {}

            @Override
            public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
                return List.of();
            }
        };
    }
}
