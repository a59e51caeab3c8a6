package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.Durations;
import dev.verity.app.json.AuditEventView;
import dev.verity.app.json.Json;
import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity audit}: the security events of a data folder, oldest first and newest last. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Show the audit log: keys created, rotated and revoked, refused credentials, uploads, deletes,"
                    + " impersonation, guard blocks, admin actions. Newest last.",
            "It holds ids, counts and reasons, never question text or personal data."
        })
final class AuditCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description =
                    "Only events from then on: a day (2026-12-01), an instant, or a time back from now (24h, 7d).")
    String since;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "The most recent events to show, 1 to " + AuditLog.MAX_LIST + ". Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "One JSON object per event.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var from = Durations.since(since, "--since", Instant.now());
        AuditLog.checkLimit(limit);
        PrintWriter out = spec.commandLine().getOut();
        try (Verity verity = Verity.forQueries(data.existingFolder())) {
            List<AuditEvent> events = verity.audit().list(from, limit);
            for (AuditEvent e : events) {
                out.println(json ? Json.line(AuditEventView.of(e)) : line(e));
            }
            if (!json && events.isEmpty()) {
                out.println("no audit events" + (since == null ? "" : " since " + since));
            }
        }
        return ExitCodes.OK;
    }

    static String line(AuditEvent e) {
        String details = e.details().entrySet().stream()
                .map(d -> d.getKey() + "=" + d.getValue())
                .collect(Collectors.joining(" "));
        return "%s  %-12s %-7s %-20s %-12s %s%s"
                .formatted(
                        e.at(),
                        e.type(),
                        e.outcome(),
                        e.actor(),
                        e.tenant(),
                        e.target().isEmpty() ? "-" : e.target(),
                        details.isEmpty() ? "" : "  " + details);
    }
}
