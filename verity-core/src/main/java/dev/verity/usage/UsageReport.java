package dev.verity.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What answering with models cost over a span of days: the ledger's lines (per day, caller, collection and model) and
 * their totals.
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 */
public record UsageReport(
        LocalDate from,
        LocalDate to,
        List<UsageLedger.Entry> entries,
        long requests,
        long inputTokens,
        long outputTokens,
        double costUsd) {

    public UsageReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        entries = List.copyOf(entries);
    }

    /** The tenant's lines of the ledger between two days, inclusive, and their totals. */
    public static UsageReport of(UsageLedger ledger, String tenant, LocalDate from, LocalDate to) {
        List<UsageLedger.Entry> entries = ledger.between(tenant, from, to);
        long requests = 0;
        long in = 0;
        long out = 0;
        double cost = 0;
        for (UsageLedger.Entry e : entries) {
            requests += e.requests();
            in += e.inputTokens();
            out += e.outputTokens();
            cost += e.costUsd();
        }
        return new UsageReport(from, to, entries, requests, in, out, cost);
    }
}
