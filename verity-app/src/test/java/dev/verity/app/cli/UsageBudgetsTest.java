package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.usage.budget.Budget;
import dev.verity.usage.budget.BudgetStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** How {@code verity usage} shows spend against budgets, as a table and as JSON lines. */
class UsageBudgetsTest {
    private static final BudgetStatus TENANT_DAY = new BudgetStatus(
            Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.of(8), OptionalDouble.of(10)),
            "default",
            LocalDate.parse("2026-12-08"),
            8.2,
            0,
            BudgetStatus.State.SOFT);
    private static final BudgetStatus KEY_MONTH = new BudgetStatus(
            Budget.key("key:k1", Budget.Period.MONTH, OptionalDouble.empty(), OptionalDouble.of(20)),
            "key:k1",
            LocalDate.parse("2026-12-01"),
            1,
            0,
            BudgetStatus.State.OK);

    @Test
    void theTableShowsEachBudgetsSpendLimitsPercentAndState() {
        StringWriter text = new StringWriter();

        UsageCommand.printBudgets(new PrintWriter(text, true), List.of(TENANT_DAY, KEY_MONTH));

        assertThat(text.toString().lines().toList())
                .containsExactly(
                        "",
                        "budget                  for                       since         spent USD   soft USD   hard USD"
                                + "  percent  state",
                        "tenant daily budget     tenant default            2026-12-08       8.2000       8.00      10.00"
                                + "      82%  soft",
                        "key monthly budget      key key:k1                2026-12-01       1.0000          -      20.00"
                                + "       5%  ok");
    }

    @Test
    void noBudgetsPrintNothing() {
        StringWriter text = new StringWriter();

        UsageCommand.printBudgets(new PrintWriter(text, true), List.of());

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aJsonLineNamesTheBudgetAndLeavesOutALimitThatIsNotSet() {
        assertThat(UsageCommand.budgetLine(KEY_MONTH))
                .containsExactly(
                        java.util.Map.entry("budget", "key monthly budget"),
                        java.util.Map.entry("scope", "key"),
                        java.util.Map.entry("subject", "key:k1"),
                        java.util.Map.entry("period", "monthly"),
                        java.util.Map.entry("period_start", "2026-12-01"),
                        java.util.Map.entry("spent_usd", 1.0),
                        java.util.Map.entry("hard_usd", 20.0),
                        java.util.Map.entry("percent", 5.0),
                        java.util.Map.entry("state", "ok"));
    }
}
