package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.Dates;
import dev.verity.app.json.Json;
import dev.verity.identity.Caller;
import dev.verity.usage.UsageLedger;
import dev.verity.usage.UsageReport;
import dev.verity.usage.budget.BudgetStatus;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = {
            "Show what answering with models cost, per day, caller, actor, collection and model,",
            "and the spend against each budget today and this month (UTC)."
        })
final class UsageCommand implements Callable<Integer> {
    /** Days shown when --since is not given. */
    private static final int DEFAULT_DAYS = 30;

    @Mixin
    DataOptions data;

    @Option(names = "--since", paramLabel = "DATE", description = "First day (default: 30 days ago).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day (default: today, UTC).")
    String until;

    @Option(
            names = "--json",
            description = "One JSON object per line of the ledger, then one per budget (with a \"budget\" field).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate to = Dates.parse(until, "--until")
                .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC))
                .orElse(LocalDate.now(ZoneOffset.UTC));
        LocalDate from = Dates.parse(since, "--since")
                .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC))
                .orElse(to.minusDays(DEFAULT_DAYS - 1));
        PrintWriter out = spec.commandLine().getOut();
        try (Verity verity = Verity.forQueries(data.existing())) {
            Caller local = Caller.local(Set.of());
            UsageReport report = verity.usage(local, from, to);
            List<BudgetStatus> budgets = verity.budgets().status(local.tenant());
            if (json) {
                for (UsageLedger.Entry e : report.entries()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("day", e.day().toString());
                    line.put("caller", e.caller());
                    line.put("actor", e.actor());
                    line.put("collection", e.collection());
                    line.put("model", e.model());
                    line.put("requests", e.requests());
                    line.put("input_tokens", e.inputTokens());
                    line.put("output_tokens", e.outputTokens());
                    line.put("cost_usd", e.costUsd());
                    out.println(Json.line(line));
                }
                for (BudgetStatus b : budgets) {
                    out.println(Json.line(budgetLine(b)));
                }
                return 0;
            }
            out.printf(
                    "%-10s  %-16s  %-16s  %-12s  %-24s %8s %12s %12s %12s%n",
                    "day", "caller", "actor", "collection", "model", "answers", "in tokens", "out tokens", "cost USD");
            for (UsageLedger.Entry e : report.entries()) {
                out.printf(
                        "%-10s  %-16s  %-16s  %-12s  %-24s %8d %12d %12d %12.4f%n",
                        e.day(),
                        e.caller(),
                        e.actor(),
                        e.collection(),
                        e.model(),
                        e.requests(),
                        e.inputTokens(),
                        e.outputTokens(),
                        e.costUsd());
            }
            out.printf(
                    "%-86s %8d %12d %12d %12.4f%n",
                    "total " + from + " to " + to,
                    report.requests(),
                    report.inputTokens(),
                    report.outputTokens(),
                    report.costUsd());
            printBudgets(out, budgets);
        }
        return 0;
    }

    /** The budgets as a table after the ledger's, when there are any. */
    static void printBudgets(PrintWriter out, List<BudgetStatus> budgets) {
        if (budgets.isEmpty()) {
            return;
        }
        out.println();
        out.printf(
                "%-22s  %-24s  %-10s %12s %10s %10s %8s  %s%n",
                "budget", "for", "since", "spent USD", "soft USD", "hard USD", "percent", "state");
        for (BudgetStatus b : budgets) {
            out.printf(
                    Locale.ROOT,
                    "%-22s  %-24s  %-10s %12.4f %10s %10s %7.0f%%  %s%n",
                    b.budget().label(),
                    b.budget().scope().code() + " " + b.subject(),
                    b.periodStart(),
                    b.spentUsd(),
                    limit(b.budget().softUsd()),
                    limit(b.budget().hardUsd()),
                    Math.floor(b.percent()),
                    b.state().code());
        }
    }

    private static String limit(OptionalDouble usd) {
        return usd.isPresent() ? String.format(Locale.ROOT, "%.2f", usd.getAsDouble()) : "-";
    }

    /** One budget as a JSON line of {@code --json}. */
    static Map<String, Object> budgetLine(BudgetStatus b) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("budget", b.budget().label());
        line.put("scope", b.budget().scope().code());
        line.put("subject", b.subject());
        line.put("period", b.budget().period().adjective());
        line.put("period_start", b.periodStart().toString());
        line.put("spent_usd", b.spentUsd());
        b.budget().softUsd().ifPresent(v -> line.put("soft_usd", v));
        b.budget().hardUsd().ifPresent(v -> line.put("hard_usd", v));
        line.put("percent", Math.floor(b.percent()));
        line.put("state", b.state().code());
        return line;
    }
}
