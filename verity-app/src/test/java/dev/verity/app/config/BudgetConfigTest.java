package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.usage.budget.Budget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets from the environment's simple case and the file's {@code budgets} section; mistakes name the setting. */
class BudgetConfigTest {
    @TempDir
    Path dir;

    @Test
    void theDailyEnvironmentVariableIsAHardDailyLimitForEachTenantWithASoftOneAtEightyPercent() {
        BudgetConfig config = BudgetConfig.from(Map.of("VERITY_BUDGET_DAILY_USD", "10"), Map.of());

        assertThat(config.budgets())
                .containsExactly(
                        Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.of(8), OptionalDouble.of(10)));
    }

    @Test
    void theFileSetsBudgetsPerTenantAndPerKeyPerDayAndMonth() throws Exception {
        BudgetConfig config = BudgetConfig.from(Map.of(), file("""
                budgets:
                  tenants:
                    acme: { daily: { hard_usd: 50 }, monthly: { soft_usd: 800, hard_usd: 1000 } }
                  keys:
                    k_3f9a1c2e4b5d: { daily: { soft_usd: 2.5 } }
                    "jwt:https://issuer#alice": { monthly: { hard_usd: 20 } }
                """));

        assertThat(config.budgets())
                .containsExactly(
                        Budget.tenant("acme", Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(50)),
                        Budget.tenant("acme", Budget.Period.MONTH, OptionalDouble.of(800), OptionalDouble.of(1000)),
                        Budget.key(
                                "key:k_3f9a1c2e4b5d",
                                Budget.Period.DAY,
                                OptionalDouble.of(2.5),
                                OptionalDouble.empty()),
                        Budget.key(
                                "jwt:https://issuer#alice",
                                Budget.Period.MONTH,
                                OptionalDouble.empty(),
                                OptionalDouble.of(20)));
    }

    @Test
    void theEnvironmentReplacesTheFilesDailyBudgetForEachTenant() throws Exception {
        BudgetConfig config = BudgetConfig.from(Map.of("VERITY_BUDGET_DAILY_USD", "5"), file("""
                budgets:
                  tenants:
                    "*": { daily: { hard_usd: 100 }, monthly: { hard_usd: 300 } }
                """));

        assertThat(config.budgets())
                .containsExactly(
                        Budget.tenant(Budget.EACH, Budget.Period.MONTH, OptionalDouble.empty(), OptionalDouble.of(300)),
                        Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.of(4), OptionalDouble.of(5)));
    }

    @Test
    void mistakesNameTheSetting() throws Exception {
        assertThatThrownBy(() -> BudgetConfig.from(Map.of("VERITY_BUDGET_DAILY_USD", "ten"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "VERITY_BUDGET_DAILY_USD must be a positive amount of US dollars, e.g. 10 or 2.50, got \"ten\"");
        assertThatThrownBy(() ->
                        BudgetConfig.from(Map.of(), file("budgets:\n  tenants:\n    acme: { daily: { hard: 5 } }\n")))
                .hasMessage(
                        "budgets.tenants.acme.daily.hard: unknown key in VERITY_CONFIG; known keys: soft_usd, hard_usd");
        assertThatThrownBy(() ->
                        BudgetConfig.from(Map.of(), file("budgets:\n  keys:\n    k1: { weekly: { hard_usd: 5 } }\n")))
                .hasMessage("budgets.keys.k1.weekly: unknown key in VERITY_CONFIG; known keys: daily, monthly");
        assertThatThrownBy(() -> BudgetConfig.from(Map.of(), file("budgets:\n  tenant:\n    acme: {}\n")))
                .hasMessage("budgets.tenant: unknown key in VERITY_CONFIG; known keys: tenants, keys");
        assertThatThrownBy(() -> BudgetConfig.from(
                        Map.of(), file("budgets:\n  tenants:\n    acme: { daily: { soft_usd: 9, hard_usd: 5 } }\n")))
                .hasMessage("budgets.tenants.acme.daily: softUsd must not be above hardUsd, got soft=9.0 hard=5.0");
        assertThatThrownBy(() -> BudgetConfig.from(
                        Map.of(), file("budgets:\n  tenants:\n    acme: { monthly: { hard_usd: -3 } }\n")))
                .hasMessage("budgets.tenants.acme.monthly.hard_usd must be a positive amount of US dollars, e.g. 10 or"
                        + " 2.50, got \"-3\"");
    }

    @Test
    void anInvalidBudgetStopsTheWholeConfiguration() {
        assertThatThrownBy(() -> VerityConfig.from(dir, Map.of("VERITY_BUDGET_DAILY_USD", "0")))
                .hasMessageStartingWith("VERITY_BUDGET_DAILY_USD must be a positive amount");
    }

    private Map<String, Object> file(String yaml) throws Exception {
        Path path = Files.writeString(dir.resolve("verity.yaml"), yaml);
        return ConfigValues.file(Map.of("VERITY_CONFIG", path.toString()));
    }
}
