package dev.verity.app.config;

import dev.verity.usage.budget.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What model calls may cost, per tenant and per key, per UTC day and month ({@link Budget}). Read from
 * {@code VERITY_BUDGET_DAILY_USD} (the simple case: a hard daily limit for each tenant, with a soft limit at 80% of
 * it) and the {@code budgets} section of the configuration file:
 *
 * <pre>{@code
 * budgets:
 *   tenants:
 *     "*":  { daily: { soft_usd: 8, hard_usd: 10 } }                      # each tenant on its own
 *     acme: { daily: { hard_usd: 50 }, monthly: { soft_usd: 800, hard_usd: 1000 } }
 *   keys:
 *     k_3f9a1c2e4b5d: { daily: { hard_usd: 5 } }                          # an API key, by its id
 *     "jwt:https://issuer#alice": { monthly: { hard_usd: 20 } }           # any actor, by its full name
 * }</pre>
 *
 * A call is refused when any budget that applies to it would pass its hard limit. {@code VERITY_BUDGET_DAILY_USD}
 * replaces a daily budget for {@code "*"} tenants in the file. A mistake is an {@link IllegalArgumentException} naming
 * the setting.
 *
 * @param budgets every budget, none when no limit is set
 */
public record BudgetConfig(List<Budget> budgets) {
    public static final BudgetConfig NONE = new BudgetConfig(List.of());

    static final String DAILY_ENV = "VERITY_BUDGET_DAILY_USD";
    /** The soft limit of {@code VERITY_BUDGET_DAILY_USD}, as its share: a warning while a fifth of the day is left. */
    static final double DEFAULT_SOFT_SHARE = 0.8;

    private static final List<String> SECTION = List.of("tenants", "keys");
    private static final List<String> PERIODS = List.of("daily", "monthly");
    private static final List<String> LIMITS = List.of("soft_usd", "hard_usd");

    public BudgetConfig {
        budgets = List.copyOf(budgets);
    }

    public static BudgetConfig from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> section = ConfigValues.map(file.get("budgets"), "budgets");
        known(section, "budgets", SECTION);
        List<Budget> budgets = new ArrayList<>();
        OptionalDouble daily = usd(env.get(DAILY_ENV), DAILY_ENV);
        read(section, "tenants", Budget.Scope.TENANT, budgets, daily.isPresent());
        read(section, "keys", Budget.Scope.KEY, budgets, false);
        if (daily.isPresent()) {
            budgets.add(Budget.tenant(
                    Budget.EACH,
                    Budget.Period.DAY,
                    OptionalDouble.of(daily.getAsDouble() * DEFAULT_SOFT_SHARE),
                    daily));
        }
        return new BudgetConfig(budgets);
    }

    private static void read(
            Map<String, Object> section,
            String name,
            Budget.Scope scope,
            List<Budget> into,
            boolean dailyForEachTenantFromEnv) {
        ConfigValues.map(section.get(name), "budgets." + name).forEach((subject, value) -> {
            String where = "budgets." + name + "." + subject;
            Map<String, Object> periods = ConfigValues.map(value, where);
            known(periods, where, PERIODS);
            for (String period : PERIODS) {
                if (!periods.containsKey(period)) {
                    continue;
                }
                Budget.Period p = period.equals("daily") ? Budget.Period.DAY : Budget.Period.MONTH;
                if (dailyForEachTenantFromEnv && p == Budget.Period.DAY && subject.equals(Budget.EACH)) {
                    continue; // VERITY_BUDGET_DAILY_USD takes its place
                }
                String at = where + "." + period;
                Map<String, Object> limits = ConfigValues.map(periods.get(period), at);
                known(limits, at, LIMITS);
                OptionalDouble soft = usd(limits.get("soft_usd"), at + ".soft_usd");
                OptionalDouble hard = usd(limits.get("hard_usd"), at + ".hard_usd");
                try {
                    into.add(new Budget(scope, actor(scope, subject), p, soft, hard));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /** A key id names the actor {@code key:<id>}; a name with a colon is an actor already ({@code jwt:…}). */
    private static String actor(Budget.Scope scope, String subject) {
        if (scope == Budget.Scope.TENANT || subject.equals(Budget.EACH) || subject.contains(":")) {
            return subject;
        }
        return subject.equals("local") ? subject : "key:" + subject;
    }

    private static OptionalDouble usd(Object value, String where) {
        String s = ConfigValues.text(value, where);
        if (s == null) {
            return OptionalDouble.empty();
        }
        try {
            double usd = Double.parseDouble(s);
            if (usd > 0 && Double.isFinite(usd)) {
                return OptionalDouble.of(usd);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                where + " must be a positive amount of US dollars, e.g. 10 or 2.50, got \"" + s + "\"");
    }

    private static void known(Map<String, Object> section, String where, List<String> keys) {
        for (String key : section.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(
                        where + "." + key + ": unknown key in VERITY_CONFIG; known keys: " + String.join(", ", keys));
            }
        }
    }
}
