package dev.verity.usage.budget;

import dev.verity.internal.Checks;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one budget stands in its current period.
 *
 * @param budget the budget
 * @param subject the tenant or actor it is counted for (the budget's own subject, or the one {@link Budget#EACH}
 *     stands for)
 * @param periodStart the first day of the period (UTC)
 * @param spentUsd settled spend in the period: the usage ledger's, plus what this process settled since
 * @param reservedUsd what calls in flight may still cost
 * @param state ok, soft (past the soft limit) or hard (at or past the hard limit)
 */
public record BudgetStatus(
        Budget budget, String subject, LocalDate periodStart, double spentUsd, double reservedUsd, State state) {

    /** How far a budget is spent. */
    public enum State {
        OK,
        SOFT,
        HARD;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BudgetStatus {
        Objects.requireNonNull(budget, "budget");
        Checks.nonBlank(subject, "subject");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Spent, as a percentage of the hard limit (of the soft one when there is no hard limit), to two decimals: sums of
     * dollar amounts carry binary noise (8.2 of 10 is 81.99999…), which must not show as 81%.
     */
    public double percent() {
        return Math.round(10_000 * spentUsd / budget.reference()) / 100.0;
    }

    /** One line for a person, e.g. {@code tenant daily budget 82% spent (8.20 of 10.00 USD)}. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s %.0f%% spent (%.2f of %.2f USD)",
                budget.label(),
                Math.floor(percent()),
                spentUsd,
                budget.reference());
    }
}
