package dev.verity.ingestion.jobs;

import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestionPipeline;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.VectorBackfill;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Ingests files into a collection through the durable queue: {@link #submit} stores the originals and queues one job
 * per file; the {@link IngestionWorkers} run each job through the {@link IngestionPipeline} and record its result once
 * it is durable; {@link #ingest} does both and waits.
 *
 * <p>A bad file is rejected with a typed reason and the batch goes on; its earlier version, if any, stays indexed.
 * Transient failures are retried, then quarantined. See {@code docs/adr/0009-durable-ingestion.md}.
 */
public final class IngestionService implements AutoCloseable {
    private final IngestionWorkers workers;
    private final JobStore jobs;
    private final Optional<VectorBackfill> backfill;

    /** Workers whose pipeline embeds inline: a file is searchable by meaning once its job is done. */
    public IngestionService(IngestionWorkers workers, JobStore jobs) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.backfill = Optional.empty();
    }

    /**
     * Workers whose pipeline {@link IngestionPipeline#deferringEmbedding() defers embedding} to this backfill (started
     * by the caller, closed with this service).
     */
    public IngestionService(IngestionWorkers workers, JobStore jobs, VectorBackfill backfill) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.backfill = Optional.of(backfill);
    }

    /**
     * Waits until no chunk in the index awaits its vector, telling {@code behind} the backlog about once a second.
     *
     * @return empty once every vector is in; otherwise why embedding keeps failing (the chunks stay keyword-searchable
     *     and are embedded by the next process that works the queue)
     */
    public Optional<String> awaitVectors(LongConsumer behind) {
        if (backfill.isEmpty()) {
            return Optional.empty();
        }
        VectorBackfill b = backfill.get();
        return b.awaitDrained(behind, FAILED_ROUNDS_BEFORE_GIVING_UP)
                ? Optional.empty()
                : Optional.of(b.failure().orElse("embedding keeps failing"));
    }

    /** Rounds of embedding that fail in a row before {@link #awaitVectors} stops waiting: the model is down. */
    private static final int FAILED_ROUNDS_BEFORE_GIVING_UP = 3;

    /** Receives each file's result once it is durable. */
    @FunctionalInterface
    public interface Listener extends IngestionWorkers.Listener {
        static Listener none() {
            return (result, done, total) -> {};
        }
    }

    /** Queues the files and returns the batch at once. */
    public BatchStatus submit(List<SourceFile> files, IngestOptions options) {
        return workers.submit(files, options);
    }

    /** Waits for a submitted batch; results in submission order. */
    public List<IngestResult> await(String batchId, IngestionWorkers.Listener listener) {
        return workers.await(batchId, listener);
    }

    /** Waits for a submitted batch, telling the listener of each result in the given order ({@link IngestionWorkers}). */
    public List<IngestResult> await(
            String batchId, IngestionWorkers.ResultOrder order, IngestionWorkers.Listener listener) {
        return workers.await(batchId, order, listener);
    }

    /**
     * Ingests the files and returns one result per file, in input order, once all are durable and their vectors are in
     * (the listener hears of each file as soon as it is keyword-searchable): for callers that ask right after, such as
     * {@code sync}, {@code demo} and evaluation. {@link #submit} and {@link #await} return as soon as files are
     * keyword-searchable. When embedding keeps failing the results are returned anyway: those chunks stay
     * keyword-searchable and are embedded later.
     */
    public List<IngestResult> ingest(
            List<SourceFile> files, IngestOptions options, IngestionWorkers.Listener listener) {
        List<IngestResult> results = await(submit(files, options).id(), listener);
        awaitVectors(behind -> {});
        return results;
    }

    public JobStore jobs() {
        return jobs;
    }

    @Override
    public void close() {
        try {
            workers.close();
        } finally {
            backfill.ifPresent(VectorBackfill::close);
        }
    }
}
