package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.json.BatchView;
import dev.verity.app.json.JobView;
import dev.verity.app.json.Json;
import dev.verity.identity.Caller;
import dev.verity.ingestion.jobs.BatchStatus;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.ingestion.jobs.Job;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "Show the ingestion queue: recent batches, or one batch's files (b_…) or one job (j_…).",
            "--work processes queued jobs here until none is left; --retry queues quarantined jobs again."
        })
final class JobsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "A batch (b_…) or job (j_…) id.")
    String id;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Batches to list. Default: 20.")
    int limit;

    @Option(names = "--retry", description = "Queue the quarantined jobs of ID again (attempts reset).")
    boolean retry;

    @Option(
            names = "--work",
            description = "Work the queue in this process until it is empty (with ID: until that"
                    + " batch is finished), then show the result.")
    boolean work;

    @Option(names = "--json", description = "JSON lines.")
    boolean json;

    @Option(
            names = "--as",
            paramLabel = "P1,P2…",
            split = ",",
            description = "Principals of the caller: jobs of restricted uploads are visible only to holders.")
    Set<String> principals = Set.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (retry && id == null) {
            throw new IllegalArgumentException("--retry needs the id of a batch (b_…) or job (j_…)");
        }
        try (Verity verity =
                work ? Verity.forWriting(data.existingFolder()) : Verity.forQueries(data.existingFolder())) {
            IngestionJobs jobs = verity.ingestion();
            // the operator of the data folder: the default tenant, as the principals it names
            Caller local = Caller.local(principals);
            if (retry) {
                int queued = jobs.retry(local, id);
                out.println(
                        queued == 0
                                ? "nothing to retry in " + id + " (only quarantined jobs are retried)"
                                : "queued " + queued + " job(s) of " + id + " again");
            }
            if (work) {
                // with a batch id: until that batch is finished; with a job id or none: until the queue is empty
                jobs.workUntilDone(Optional.ofNullable(id).filter(i -> i.startsWith("b_")));
            }
            if (id == null) {
                return list(jobs, local, out);
            }
            return show(jobs, local, out);
        }
    }

    private int list(IngestionJobs jobs, Caller local, PrintWriter out) {
        Instant now = Instant.now();
        List<BatchStatus> batches = jobs.batches(local, limit);
        for (BatchStatus b : batches) {
            if (json) {
                out.println(Json.line(BatchView.of(b, now, null)));
            } else {
                out.println(line(b, now));
            }
        }
        if (!json && batches.isEmpty()) {
            out.println("the ingestion queue is empty");
        }
        return 0;
    }

    private int show(IngestionJobs jobs, Caller local, PrintWriter out) {
        Instant now = Instant.now();
        if (id.startsWith("j_")) {
            Job job = jobs.job(local, id)
                    .orElseThrow(() -> new NotFoundException(
                            "no ingestion job " + id + " (see `verity jobs` for recent batches)"));
            out.println(json ? Json.line(JobView.of(job)) : jobLine(job));
            return 0;
        }
        BatchStatus batch = jobs.batch(local, id)
                .orElseThrow(() ->
                        new NotFoundException("no ingestion batch " + id + " (see `verity jobs` for recent ones)"));
        List<Job> all = jobs.jobs(local, id);
        if (json) {
            out.println(Json.line(BatchView.of(batch, now, all)));
            return 0;
        }
        out.println(line(batch, now));
        all.forEach(job -> out.println("  " + jobLine(job)));
        return 0;
    }

    static String line(BatchStatus b, Instant now) {
        String eta = b.eta(now)
                .map(JobsCommand::duration)
                .map(d -> ", about " + d + " left")
                .orElse("");
        return ("%s  %-9s %-12s %d/%d done (%.0f%%): %d indexed, %d unchanged, %d rejected, %d quarantined, %d queued,"
                        + " %d running%s  [%s]")
                .formatted(
                        b.id(),
                        b.state(),
                        b.collection(),
                        b.done(),
                        b.total(),
                        b.progress() * 100,
                        b.indexed(),
                        b.unchanged(),
                        b.rejected(),
                        b.quarantined(),
                        b.queued(),
                        b.running(),
                        eta,
                        b.createdAt());
    }

    private static String jobLine(Job job) {
        String why = job.rejection()
                .map(r -> " [" + r.reason().code() + "]: " + r.message())
                .orElse("");
        String attempts = job.attempts() > 0 ? " (" + job.attempts() + " failed attempt(s))" : "";
        return "%s %-11s %s%s%s%s"
                .formatted(job.id(), job.status().code(), job.source(), why, attempts, searchable(job));
    }

    /** {@code  (searchable by keyword after 1.2 s, by meaning after 3.4 s)}, counted from when the file was queued. */
    static String searchable(Job job) {
        if (job.keywordSearchableAt().isEmpty()) {
            return "";
        }
        String keyword = seconds(job.createdAt(), job.keywordSearchableAt().get());
        String meaning = job.vectorSearchableAt()
                .map(at -> "by meaning after " + seconds(job.createdAt(), at))
                .orElse("by meaning once its vectors are in");
        return " (searchable by keyword after " + keyword + ", " + meaning + ")";
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(
                java.util.Locale.ROOT,
                "%.1f s",
                Math.max(0, Duration.between(from, to).toMillis()) / 1e3);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 90 ? s + " s" : s < 5400 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
