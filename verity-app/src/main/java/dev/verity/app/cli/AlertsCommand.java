package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.json.AlertView;
import dev.verity.app.json.Json;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.observability.alerts.AlertLog.RecordedAlert;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity alerts}: the alerts raised in a data folder, newest first. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = {
            "Show the alerts raised by verity serve, newest first: latency, cost, errors, abstentions, guard blocks or"
                    + " thumbs-down drifting from their baseline, and budgets nearly spent; with whether the webhook"
                    + " (VERITY_ALERT_WEBHOOK_URL) got them."
        })
final class AlertsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "The most recent alerts to show, 1 to " + AlertLog.MAX_LIST + ". Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "One JSON object per alert.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AlertLog.checkLimit(limit);
        PrintWriter out = spec.commandLine().getOut();
        try (Verity verity = Verity.forQueries(data.existingFolder())) {
            List<RecordedAlert> alerts = verity.alerts().recent(Optional.empty(), limit);
            for (RecordedAlert a : alerts) {
                out.println(json ? Json.line(AlertView.of(a)) : line(a));
            }
            if (!json && alerts.isEmpty()) {
                out.println("no alerts");
            }
        }
        return ExitCodes.OK;
    }

    static String line(RecordedAlert r) {
        return "%s  %-8s %-24s %-12s %-10s %s"
                .formatted(
                        r.alert().at(),
                        r.alert().severity().name().toLowerCase(Locale.ROOT),
                        r.alert().rule(),
                        r.alert().tenant(),
                        r.delivery().code() + (r.attempts() > 0 ? "/" + r.attempts() : ""),
                        r.alert().summary());
    }
}
