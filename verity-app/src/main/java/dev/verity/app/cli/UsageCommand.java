package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.Dates;
import dev.verity.app.json.Json;
import dev.verity.identity.Caller;
import dev.verity.usage.UsageLedger;
import dev.verity.usage.UsageReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
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
        description = "Show what answering with models cost, per day, caller, collection and model.")
final class UsageCommand implements Callable<Integer> {
    /** Days shown when --since is not given. */
    private static final int DEFAULT_DAYS = 30;

    @Mixin
    DataOptions data;

    @Option(names = "--since", paramLabel = "DATE", description = "First day (default: 30 days ago).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day (default: today, UTC).")
    String until;

    @Option(names = "--json", description = "One JSON object per line of the ledger.")
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
            UsageReport report = verity.usage(Caller.local(Set.of()), from, to);
            if (json) {
                for (UsageLedger.Entry e : report.entries()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("day", e.day().toString());
                    line.put("caller", e.caller());
                    line.put("collection", e.collection());
                    line.put("model", e.model());
                    line.put("requests", e.requests());
                    line.put("input_tokens", e.inputTokens());
                    line.put("output_tokens", e.outputTokens());
                    line.put("cost_usd", e.costUsd());
                    out.println(Json.line(line));
                }
                return 0;
            }
            out.printf(
                    "%-10s  %-16s  %-12s  %-24s %8s %12s %12s %12s%n",
                    "day", "caller", "collection", "model", "answers", "in tokens", "out tokens", "cost USD");
            for (UsageLedger.Entry e : report.entries()) {
                out.printf(
                        "%-10s  %-16s  %-12s  %-24s %8d %12d %12d %12.4f%n",
                        e.day(),
                        e.caller(),
                        e.collection(),
                        e.model(),
                        e.requests(),
                        e.inputTokens(),
                        e.outputTokens(),
                        e.costUsd());
            }
            out.printf(
                    "%-68s %8d %12d %12d %12.4f%n",
                    "total " + from + " to " + to,
                    report.requests(),
                    report.inputTokens(),
                    report.outputTokens(),
                    report.costUsd());
        }
        return 0;
    }
}
