package dev.verity.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.Json;
import dev.verity.app.sync.SyncService;
import dev.verity.app.sync.SyncSource;
import dev.verity.app.sync.WebSettings;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.sync.SourceListing;
import dev.verity.ingestion.sync.SyncOutcome;
import dev.verity.ingestion.sync.SyncPlan;
import dev.verity.ingestion.sync.SyncReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Keep a collection in step with a folder or a web site: add new files or pages, re-ingest"
                    + " changed ones, delete those that are gone (only those an earlier sync of the same folder or URL"
                    + " added), leave the rest.",
            "A URL may be a page (links followed up to --max-depth), a sitemap, a sitemap index, or robots.txt"
                    + " (its Sitemap: lines); robots.txt is obeyed.",
            "Exit code 0 when nothing was rejected, 3 when something was."
        })
final class SyncCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    IngestTargetOptions target;

    @Option(names = "--dry-run", description = "Print the plan, change nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "One JSON object per item on stdout, then one with the totals.")
    boolean json;

    @Option(
            names = "--max-pages",
            paramLabel = "N",
            defaultValue = "" + WebSettings.DEFAULT_MAX_PAGES,
            description = "URL only: pages fetched at most. Default: ${DEFAULT-VALUE}.")
    int maxPages;

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            defaultValue = "" + WebSettings.DEFAULT_MAX_DEPTH,
            description = "URL only: links followed from the start page, 0 for the page alone."
                    + " Default: ${DEFAULT-VALUE}.")
    int maxDepth;

    @Option(
            names = "--max-page-size",
            paramLabel = "BYTES",
            defaultValue = "" + WebSettings.DEFAULT_MAX_BYTES,
            description = "URL only: larger responses are refused. Default: ${DEFAULT-VALUE}.")
    long maxPageSize;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "URL only: per request. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(names = "--any-host", description = "URL only: also follow links and sitemap entries to other hosts.")
    boolean anyHost;

    @Parameters(paramLabel = "DIR|URL", description = "The folder or the web page, sitemap or robots.txt to sync.")
    String source;

    @Spec
    CommandSpec spec;

    /** One line of --json output per item. */
    record ItemView(
            String source,
            String action,
            String status,
            String reason,
            String message,
            @JsonProperty("document_id") String documentId,
            @JsonProperty("renamed_from") String renamedFrom) {}

    /** The last line of --json output. */
    record TotalsView(
            @JsonProperty("dry_run") boolean dryRun,
            int added,
            int changed,
            int deleted,
            int unchanged,
            int rejected) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        IngestOptions options = target.options();
        VerityConfig config = target.apply(data.config());
        long start = System.nanoTime();
        Path downloads = Files.createTempDirectory("verity-sync-");
        try (Verity verity = Verity.forWriting(config)) {
            SyncService sync = verity.sync();
            SyncSource prepared = sync.prepare(source, options, webSettings(), downloads);
            String root = prepared.root();
            SourceListing listing = prepared.listing();
            SyncPlan plan = prepared.plan();
            if (!json) {
                prepared.disallowed().forEach(u -> out.println("skipped   " + u + ": disallowed by robots.txt"));
            }
            SyncReport report;
            if (dryRun) {
                report = null;
                printPlan(out, plan, listing, options.collection());
            } else {
                int total = plan.actions().size() + listing.refused().size();
                try (ProgressBar progress = ProgressBar.onTerminal("syncing", total)) {
                    report = sync.run(prepared, options, (outcome, done, all) -> {
                        progress.clearLine();
                        if (json || outcome.status() != SyncOutcome.Status.UNCHANGED) {
                            out.println(json ? Json.line(view(outcome)) : humanLine(outcome));
                        }
                        out.flush();
                        progress.update(done, outcome.action().source());
                    });
                }
            }
            return summary(out, plan, listing, report, root, options.collection(), System.nanoTime() - start);
        } finally {
            deleteTree(downloads);
        }
    }

    private WebSettings webSettings() {
        long millis = Math.round(timeoutSeconds * 1000);
        return new WebSettings(
                maxPages,
                maxDepth,
                maxPageSize,
                Duration.ofMillis(Math.max(1, millis)),
                WebSettings.DEFAULT_MAX_REDIRECTS,
                anyHost,
                WebSettings.DEFAULT_USER_AGENT);
    }

    private void printPlan(PrintWriter out, SyncPlan plan, SourceListing listing, String collection) {
        for (SyncPlan.Action action : plan.actions()) {
            if (json) {
                out.println(Json.line(new ItemView(
                        action.source(),
                        action.kind().code(),
                        null,
                        null,
                        null,
                        action.documentId(),
                        action.renamedFrom().orElse(null))));
            } else if (action.kind() != SyncPlan.Kind.UNCHANGED) {
                out.println("%-9s %s%s"
                        .formatted(
                                action.kind().code(),
                                action.source(),
                                action.renamedFrom()
                                        .map(f -> " (renamed from " + f + ")")
                                        .orElse("")));
            }
        }
        for (SourceListing.Refused refused : listing.refused()) {
            out.println(
                    json
                            ? Json.line(new ItemView(
                                    refused.source(),
                                    "refuse",
                                    "rejected",
                                    refused.rejection().reason().code(),
                                    refused.rejection().message(),
                                    DocumentIds.documentId(collection, refused.source()),
                                    null))
                            : "%-9s %s [%s]: %s"
                                    .formatted(
                                            "rejected",
                                            refused.source(),
                                            refused.rejection().reason().code(),
                                            refused.rejection().message()));
        }
    }

    private int summary(
            PrintWriter out,
            SyncPlan plan,
            SourceListing listing,
            SyncReport report,
            String root,
            String collection,
            long nanos) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        if (report == null) {
            Map<SyncPlan.Kind, Integer> counts = plan.counts();
            totals.put("added", counts.get(SyncPlan.Kind.ADD));
            totals.put("changed", counts.get(SyncPlan.Kind.CHANGE));
            totals.put("deleted", counts.get(SyncPlan.Kind.DELETE));
            totals.put("unchanged", counts.get(SyncPlan.Kind.UNCHANGED));
            totals.put("rejected", listing.refused().size());
        } else {
            report.counts().forEach((status, n) -> totals.put(status.code(), n));
        }
        if (json) {
            out.println(Json.line(new TotalsView(
                    dryRun,
                    totals.get("added"),
                    totals.get("changed"),
                    totals.get("deleted"),
                    totals.get("unchanged"),
                    totals.get("rejected"))));
        } else {
            out.printf(
                    "%s%d added, %d changed, %d deleted, %d unchanged, %d rejected in %.1f s (collection %s, from %s)%n",
                    dryRun ? "plan (dry run, nothing changed): " : "",
                    totals.get("added"),
                    totals.get("changed"),
                    totals.get("deleted"),
                    totals.get("unchanged"),
                    totals.get("rejected"),
                    nanos / 1e9,
                    collection,
                    root);
        }
        return totals.get("rejected") > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    static String humanLine(SyncOutcome outcome) {
        String status = outcome.status().code();
        return outcome.result()
                .flatMap(r -> r.rejection())
                .map((Rejection r) -> "%-9s %s [%s]: %s"
                        .formatted(status, outcome.action().source(), r.reason().code(), outcome.message()))
                .orElseGet(
                        () -> "%-9s %s: %s".formatted(status, outcome.action().source(), outcome.message()));
    }

    private static ItemView view(SyncOutcome outcome) {
        return new ItemView(
                outcome.action().source(),
                outcome.action().kind().code(),
                outcome.status().code(),
                outcome.result()
                        .flatMap(r -> r.rejection())
                        .map(r -> r.reason().code())
                        .orElse(null),
                outcome.message(),
                outcome.action().documentId(),
                outcome.action().renamedFrom().orElse(null));
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the download folder " + folder, e);
        }
    }
}
