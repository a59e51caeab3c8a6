package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.Durations;
import dev.verity.app.json.Json;
import dev.verity.app.json.RunSummaryView;
import dev.verity.app.json.RunView;
import dev.verity.document.DocumentIds;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunDetail;
import dev.verity.runs.RunNotFoundException;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunService;
import dev.verity.runs.RunStore;
import dev.verity.runs.RunViewer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity runs}: the answer runs a server kept (one per question: question scrubbed of personal data, answer,
 * model, cost, timings, attempts, evidence ranks, feedback). The operator of the data folder reads a tenant's runs,
 * every caller's.
 */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = {
            "List, show, export and purge the answer runs the server kept, and the feedback callers gave on them.",
            "Runs are kept for VERITY_RUNS_RETENTION_DAYS (default 30); VERITY_RUNS_SAMPLE_RATE keeps a share of"
                    + " answered questions (abstained, degraded and blocked ones always)."
        },
        subcommands = {
            RunsCommand.ListRuns.class,
            RunsCommand.Show.class,
            RunsCommand.Export.class,
            RunsCommand.Purge.class
        })
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** Options shared by the commands that read runs. */
    static final class Scope {
        @Option(
                names = "--tenant",
                paramLabel = "TENANT",
                defaultValue = DocumentIds.DEFAULT_TENANT,
                description = "Whose runs. Default: ${DEFAULT-VALUE}.")
        String tenant;

        /** The operator of the data folder: sees every run of the tenant. */
        RunViewer viewer() {
            return RunViewer.operator(tenant);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Mixin
        Scope scope;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "20",
                description = "The most runs to show, 1 to " + RunStore.MAX_RECENT + ". Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(
                names = "--outcome",
                paramLabel = "OUTCOME",
                description = "Only runs that ended so: answered, abstained, degraded or blocked.")
        String outcome;

        @Option(names = "--rating", paramLabel = "up|down", description = "Only runs rated so.")
        String rating;

        @Option(
                names = "--since",
                paramLabel = "WHEN",
                description = "Only runs from then on: 2026-12-01, an instant, 24h, 7d.")
        String since;

        @Option(names = "--json", description = "One JSON object per run.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RunQuery query = query(scope.tenant, limit, outcome, rating, since);
            PrintWriter out = spec.commandLine().getOut();
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                List<AnswerRun> runs = verity.runs().list(scope.viewer(), query);
                for (AnswerRun run : runs) {
                    out.println(json ? Json.line(RunSummaryView.of(run)) : line(run));
                }
                if (!json && runs.isEmpty()) {
                    out.println("no runs kept" + (since == null ? "" : " since " + since)
                            + " (runs are recorded by `verity serve`)");
                }
            }
            return ExitCodes.OK;
        }

        static String line(AnswerRun r) {
            return String.format(
                    Locale.ROOT,
                    "%s  %s  %-9s %-5s %-16s %-22s $%.6f %6d ms  %s",
                    r.at(),
                    r.runId(),
                    r.outcome(),
                    r.feedback().map(f -> f.rating().code()).orElse("-"),
                    r.actor(),
                    r.model().orElse(r.generator()),
                    r.costUsd(),
                    r.timingsMs().getOrDefault("total", 0L),
                    shortened(r.question(), 60));
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One run: question, answer, outcome, model, cost, timings, attempts, evidence, feedback.")
    static final class Show implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Mixin
        Scope scope;

        @Parameters(paramLabel = "TRACE_ID", description = "The answer's trace_id.")
        String traceId;

        @Option(names = "--json", description = "The run as one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                AnswerRun run = get(verity.runs(), scope.viewer(), traceId);
                out.print(json ? Json.line(RunView.of(run)) + System.lineSeparator() : describe(run));
                out.flush(); // print, unlike println, does not flush: the process may exit first
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Write runs as JSON lines (one `runs show --json` object per line), newest first: for review and for"
                        + " building golden sets from real questions.",
                "`verity eval sample --from-runs` draws a review sample from them instead."
            })
    static final class Export implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Mixin
        Scope scope;

        @Option(names = "--out", paramLabel = "FILE.jsonl", required = true, description = "Where to write.")
        Path out;

        @Option(names = "--rating", paramLabel = "up|down", description = "Only runs rated so.")
        String rating;

        @Option(names = "--outcome", paramLabel = "OUTCOME", description = "Only runs that ended so.")
        String outcome;

        @Option(
                names = "--since",
                paramLabel = "WHEN",
                description = "Only runs from then on: 2026-12-01, an instant, 7d.")
        String since;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "" + RunStore.MAX_RECENT,
                description = "The most runs to write, 1 to " + RunStore.MAX_RECENT + ". Default: ${DEFAULT-VALUE}.")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RunQuery query = query(scope.tenant, limit, outcome, rating, since);
            List<AnswerRun> runs;
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                runs = verity.runs().list(scope.viewer(), query);
            }
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                for (AnswerRun run : runs) {
                    writer.write(Json.line(RunView.of(run)));
                    writer.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote " + runs.size() + " run(s) to " + out);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "purge",
            mixinStandardHelpOptions = true,
            description = "Delete the runs older than the retention now (the server also does it every hour).")
    static final class Purge implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Option(
                names = "--older-than",
                paramLabel = "DURATION",
                description = "Delete runs older than this (30d, 12h). Default: VERITY_RUNS_RETENTION_DAYS.")
        String olderThan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Verity verity = Verity.forQueries(data.existingFolder())) {
                Duration keep = olderThan == null
                        ? verity.config().runs().retention()
                        : Durations.parse(olderThan, "--older-than")
                                .orElseThrow(() -> new IllegalArgumentException("--older-than needs a duration"));
                Instant before = Instant.now().minus(keep);
                int purged = verity.runs().purge(before);
                spec.commandLine().getOut().println("purged " + purged + " run(s) recorded before " + before);
            }
            return ExitCodes.OK;
        }
    }

    static RunQuery query(String tenant, int limit, String outcome, String rating, String since) {
        RunQuery query = RunQuery.of(tenant).limit(limit);
        if (outcome != null) {
            query = query.outcome(outcome.strip().toLowerCase(Locale.ROOT));
        }
        if (rating != null) {
            query = query.rating(Feedback.Rating.parse(rating));
        }
        if (since != null) {
            query = query.since(Durations.since(since, "--since", Instant.now()).orElseThrow());
        }
        return query;
    }

    static AnswerRun get(RunService runs, RunViewer viewer, String traceId) {
        try {
            return runs.get(viewer, traceId);
        } catch (RunNotFoundException e) {
            throw new NotFoundException("no run " + traceId + " in tenant " + viewer.tenant()
                    + ": it was never kept (sampled out, or asked outside `verity serve`) or was purged;"
                    + " see `verity runs list`");
        }
    }

    /** The run for a person: one labelled line per part, lists indented under their label. */
    static String describe(AnswerRun r) {
        StringBuilder s = new StringBuilder();
        row(s, "trace", r.runId());
        row(s, "at", r.at() + "  by " + r.actor() + " (tenant " + r.tenant() + ", collection " + r.collection() + ")");
        row(s, "question", r.question());
        row(
                s,
                "outcome",
                r.outcome()
                        + r.degradedReason().map(d -> " (" + d + ")").orElse("")
                        + r.refusedBy().map(g -> " (refused by " + g + ")").orElse("")
                        + (r.cached() ? ", cached" : ""));
        row(
                s,
                "answered",
                "by " + r.generator()
                        + r.model().map(m -> ", model " + m).orElse("")
                        + r.prompt().map(p -> ", prompt " + p).orElse("")
                        + r.detail()
                                .route()
                                .map(t -> ", route " + t.tier() + " (" + String.format(Locale.ROOT, "%.2f", t.score())
                                        + ")")
                                .orElse(""));
        row(s, "answer", r.answer().replace("\n", "\n" + " ".repeat(11)));
        if (!r.citations().isEmpty()) {
            row(s, "cited", r.citations().stream().map(c -> c.chunkId()).collect(Collectors.joining(", ")));
        }
        row(
                s,
                "cost",
                String.format(
                        Locale.ROOT,
                        "$%.6f  (%d input + %d output tokens)",
                        r.costUsd(),
                        r.inputTokens(),
                        r.outputTokens()));
        row(
                s,
                "timings",
                r.timingsMs().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() + " ms")
                        .collect(Collectors.joining(", ")));
        RunDetail.Filters f = r.detail().filters();
        if (!f.isEmpty()) {
            StringBuilder filters = new StringBuilder();
            if (!f.sources().isEmpty()) {
                filters.append("sources=").append(String.join(",", f.sources())).append(' ');
            }
            if (!f.mediaTypes().isEmpty()) {
                filters.append("media_types=")
                        .append(String.join(",", f.mediaTypes()))
                        .append(' ');
            }
            if (!f.languages().isEmpty()) {
                filters.append("languages=")
                        .append(String.join(",", f.languages()))
                        .append(' ');
            }
            f.ingestedFrom()
                    .ifPresent(from ->
                            filters.append("ingested_after=").append(from).append(' '));
            f.ingestedTo().ifPresent(to -> filters.append("ingested_before=").append(to));
            row(s, "filters", filters.toString().strip());
        }
        List<String> attempts = r.detail().attempts().stream()
                .map(a -> "#%d %s %s %s %d ms%s"
                        .formatted(
                                a.attempt(),
                                a.provider().isEmpty() ? "-" : a.provider(),
                                a.model().isEmpty() ? "-" : a.model(),
                                a.result(),
                                a.ms(),
                                a.inputTokens() + a.outputTokens() == 0
                                        ? ""
                                        : " (" + a.inputTokens() + "+" + a.outputTokens() + " tokens)"))
                .toList();
        rows(s, "attempts", attempts);
        List<String> evidence = r.detail().evidence().stream()
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s  fused %.4f  %s",
                        e.chunkId(),
                        e.score(),
                        e.legs().entrySet().stream()
                                .sorted(java.util.Map.Entry.comparingByKey())
                                .map(l -> l.getKey() + " #"
                                        + l.getValue().rank() + " ("
                                        + String.format(
                                                Locale.ROOT,
                                                "%.3f",
                                                l.getValue().score()) + ")")
                                .collect(Collectors.joining(", "))))
                .toList();
        rows(s, "evidence", evidence);
        List<String> guards = r.detail().guards().stream()
                .map(g -> g.step() + " " + g.guard() + " " + g.action()
                        + (g.labels().isEmpty() ? "" : " [" + String.join(",", g.labels()) + "]"))
                .toList();
        rows(s, "guards", guards);
        row(
                s,
                "feedback",
                r.feedback()
                        .map(fb -> fb.rating().code() + " by " + fb.actor() + " at " + fb.at()
                                + fb.comment().map(c -> ": \"" + c + "\"").orElse(""))
                        .orElse("none"));
        return s.toString();
    }

    private static void row(StringBuilder s, String label, String value) {
        s.append("%-10s %s".formatted(label, value)).append(System.lineSeparator());
    }

    private static void rows(StringBuilder s, String label, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            row(s, i == 0 ? label : "", values.get(i));
        }
    }

    private static String shortened(String text, int max) {
        String line = text.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
