package dev.verity.usage.budget;

import dev.verity.internal.Checks;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A spending limit in US dollars on what models cost, for one tenant or one key, per UTC day or month.
 *
 * <pre>{@code
 * Budget.tenant("*", Budget.Period.DAY, OptionalDouble.of(8), OptionalDouble.of(10)); // every tenant, 10 USD a day
 * Budget.key("key:k_3f9a", Budget.Period.MONTH, OptionalDouble.empty(), OptionalDouble.of(50));
 * }</pre>
 *
 * @param scope whose spend is counted: a tenant's (all its callers together) or one caller's
 * @param subject the tenant, or the actor ({@code key:<id>}, {@code jwt:<issuer>#<subject>}, {@code local}); {@link
 *     #EACH} applies the budget to each tenant (or each actor) separately
 * @param period the UTC day or month the spend is counted over
 * @param softUsd past this, answers carry a warning and an alert is raised once per period
 * @param hardUsd no model call may take the spend past this: answers degrade to the extractive answerer
 */
public record Budget(Scope scope, String subject, Period period, OptionalDouble softUsd, OptionalDouble hardUsd) {
    /** The subject of a budget that applies to each tenant (or each actor) on its own. */
    public static final String EACH = "*";

    /** Whose spend a budget counts. */
    public enum Scope {
        /** All callers of a tenant together. */
        TENANT,
        /** One caller (an API key, a token subject, the local operator). */
        KEY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The UTC calendar span a budget counts over; spend starts again from 0 at the next one. */
    public enum Period {
        DAY("daily"),
        MONTH("monthly");

        private final String adjective;

        Period(String adjective) {
            this.adjective = adjective;
        }

        /** {@code daily} or {@code monthly}. */
        public String adjective() {
            return adjective;
        }

        /** The first day of the period {@code day} falls in. */
        public LocalDate start(LocalDate day) {
            return this == DAY ? day : day.withDayOfMonth(1);
        }
    }

    public Budget {
        Objects.requireNonNull(scope, "scope");
        Checks.nonBlank(subject, "subject");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(softUsd, "softUsd");
        Objects.requireNonNull(hardUsd, "hardUsd");
        if (softUsd.isEmpty() && hardUsd.isEmpty()) {
            throw new IllegalArgumentException("a budget needs a soft or a hard limit, or both; " + scope.code() + " "
                    + subject + " " + period.adjective() + " has neither");
        }
        positive(softUsd, "softUsd");
        positive(hardUsd, "hardUsd");
        if (softUsd.isPresent() && hardUsd.isPresent() && softUsd.getAsDouble() > hardUsd.getAsDouble()) {
            throw new IllegalArgumentException("softUsd must not be above hardUsd, got soft=" + softUsd.getAsDouble()
                    + " hard=" + hardUsd.getAsDouble());
        }
    }

    public static Budget tenant(String tenant, Period period, OptionalDouble softUsd, OptionalDouble hardUsd) {
        return new Budget(Scope.TENANT, tenant, period, softUsd, hardUsd);
    }

    public static Budget key(String actor, Period period, OptionalDouble softUsd, OptionalDouble hardUsd) {
        return new Budget(Scope.KEY, actor, period, softUsd, hardUsd);
    }

    /** True when the spend of {@code payer} counts against this budget. */
    public boolean appliesTo(Payer payer) {
        String whose = whose(payer);
        return subject.equals(EACH) || subject.equals(whose);
    }

    /** The tenant or the actor of {@code payer}, as this budget's scope counts. */
    String whose(Payer payer) {
        return scope == Scope.TENANT ? payer.tenant() : payer.actor();
    }

    /** How a person names it, e.g. {@code tenant daily budget}. */
    public String label() {
        return scope.code() + " " + period.adjective() + " budget";
    }

    /** The limit percentages are shown against: the hard one, else the soft one. */
    double reference() {
        return hardUsd.isPresent() ? hardUsd.getAsDouble() : softUsd.getAsDouble();
    }

    private static void positive(OptionalDouble limit, String name) {
        if (limit.isPresent() && !(limit.getAsDouble() > 0 && Double.isFinite(limit.getAsDouble()))) {
            throw new IllegalArgumentException(name + " must be a positive number of USD, got " + limit.getAsDouble());
        }
    }
}
