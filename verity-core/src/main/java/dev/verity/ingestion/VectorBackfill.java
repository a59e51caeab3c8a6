package dev.verity.ingestion;

import dev.verity.document.Chunk;
import dev.verity.embedding.CachingEmbedder;
import dev.verity.index.ChunkVector;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.internal.Checks;
import dev.verity.observability.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Embeds, behind ingestion and in bulk, the chunks a {@link IngestionPipeline#deferringEmbedding() deferring pipeline}
 * wrote without vectors, so that a file is searchable by keyword as soon as it is chunked and by meaning a little
 * later. One round:
 *
 * <ol>
 *   <li>take up to {@code batchSize} chunks awaiting a vector from the index ({@link Index#awaitingVectors}), across
 *       files, oldest first;
 *   <li>embed them through the {@link CachingEmbedder} (cached passages cost nothing);
 *   <li>set their vectors ({@link Index#setVectors}; a chunk replaced meanwhile is skipped) and commit the index;
 *   <li>tell the listener which documents have no chunk left awaiting a vector.
 * </ol>
 *
 * The backlog lives in the index, not in this object: after a crash the next backfill on the same index finds the
 * chunks still lacking vectors and embeds them. A failing model is retried with backoff; its last failure is kept for
 * callers who wait ({@link #awaitDrained}).
 *
 * <pre>{@code
 * try (VectorBackfill backfill = new VectorBackfill(index, embedder, VectorBackfill.DEFAULT_BATCH, done -> {}, log)) {
 *     backfill.start();
 *     ... ingest with pipeline.deferringEmbedding() ...
 *     backfill.awaitDrained(behind -> System.out.println("embedding: " + behind + " chunks behind"), 3);
 * }
 * }</pre>
 *
 * <p>Do NOT run two backfills on one index: both would embed the same chunks.
 */
public final class VectorBackfill implements AutoCloseable {
    /** Chunks per round: one commit per round, so a round of a few seconds keeps vectors flowing steadily. */
    public static final int DEFAULT_BATCH = 128;

    /** How long an idle backfill sleeps before it looks at the index again, unless {@link #wake() woken}. */
    private static final Duration IDLE_POLL = Duration.ofMillis(500);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(60);

    private final Index index;
    private final CachingEmbedder embedder;
    private final int batchSize;
    private final Consumer<Set<String>> onComplete;
    private final Consumer<String> log;
    /** Embeds the slices of a round side by side: one model call uses one core (ONNX intra-op threads default to 1). */
    private final int parallelism;
    /** Each round is a trace {@code backfill} ({@code chunks}) of {@code embed}, {@code index} and {@code commit}. */
    private final Tracer tracer;

    private final ExecutorService slices;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int failures;
    private volatile Optional<String> lastFailure = Optional.empty();

    /**
     * @param onComplete told, after each commit, of the documents whose every chunk now has its vector
     * @param log told of failures (one line each, once per distinct failure)
     */
    public VectorBackfill(
            Index index,
            CachingEmbedder embedder,
            int batchSize,
            Consumer<Set<String>> onComplete,
            Consumer<String> log) {
        this(index, embedder, batchSize, 1, onComplete, log);
    }

    /**
     * @param parallelism model calls at once within a round, each on its slice of the batch: the ingestion workers'
     *     number, so that once files are parsed the cores they used embed
     * @param onComplete told, after each commit, of the documents whose every chunk now has its vector
     * @param log told of failures (one line each, once per distinct failure)
     */
    public VectorBackfill(
            Index index,
            CachingEmbedder embedder,
            int batchSize,
            int parallelism,
            Consumer<Set<String>> onComplete,
            Consumer<String> log) {
        this(index, embedder, batchSize, parallelism, onComplete, log, Tracer.noop());
    }

    /**
     * @param tracer where each round is traced: a root span {@code backfill} ({@code chunks}) around {@code embed},
     *     {@code index} and {@code commit}; rounds that find nothing to embed are not traced
     */
    public VectorBackfill(
            Index index,
            CachingEmbedder embedder,
            int batchSize,
            int parallelism,
            Consumer<Set<String>> onComplete,
            Consumer<String> log,
            Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.parallelism = Checks.positive(parallelism, "parallelism");
        this.slices = Executors.newFixedThreadPool(
                parallelism,
                Thread.ofPlatform()
                        .daemon()
                        .name("verity-vector-backfill-slice-", 0)
                        .factory());
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.batchSize = Checks.positive(batchSize, "batchSize");
        this.onComplete = Objects.requireNonNull(onComplete, "onComplete");
        this.log = Objects.requireNonNull(log, "log");
        this.thread = new Thread(this::loop, "verity-vector-backfill");
        thread.setDaemon(true);
    }

    /** Starts embedding in the background until {@link #close()}. */
    public void start() {
        thread.start();
    }

    /**
     * One round in the caller's thread (see the class doc).
     *
     * @return how many chunks it embedded; 0 when none awaits a vector
     */
    public int runOnce() {
        List<IndexedChunk> awaiting = index.awaitingVectors(batchSize);
        if (awaiting.isEmpty()) {
            return 0;
        }
        List<Chunk> chunks = awaiting.stream().map(IndexedChunk::chunk).toList();
        Set<String> documents = new LinkedHashSet<>();
        try (Tracer.Span round = tracer.start("backfill")) {
            round.attribute("chunks", chunks.size());
            List<float[]> vectors = tracer.inSpan("embed", () -> embed(chunks));
            List<ChunkVector> computed = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                computed.add(new ChunkVector(c.id(), c.contentHash(), vectors.get(i)));
                documents.add(c.document().id());
            }
            tracer.inSpan("index", () -> {
                index.setVectors(computed);
                return null;
            });
            tracer.inSpan("commit", () -> {
                index.commit();
                return null;
            });
        }
        documents.removeIf(id -> index.awaitingVectorCount(id) > 0);
        if (!documents.isEmpty()) {
            onComplete.accept(documents);
        }
        return chunks.size();
    }

    /** The chunks' vectors in order, {@link #parallelism} slices embedded at once. */
    private List<float[]> embed(List<Chunk> chunks) {
        int slice = (chunks.size() + parallelism - 1) / parallelism;
        if (parallelism == 1 || chunks.size() < 2 * parallelism) {
            return embedSlice(chunks);
        }
        List<Future<List<float[]>>> parts = new ArrayList<>();
        for (int from = 0; from < chunks.size(); from += slice) {
            List<Chunk> part = chunks.subList(from, Math.min(chunks.size(), from + slice));
            parts.add(slices.submit(() -> embedSlice(part)));
        }
        List<float[]> vectors = new ArrayList<>(chunks.size());
        for (Future<List<float[]>> part : parts) {
            try {
                vectors.addAll(part.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure; // the model's own failure, retried with backoff like a serial round's
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while embedding", e);
            }
        }
        return vectors;
    }

    private List<float[]> embedSlice(List<Chunk> chunks) {
        return embedder.embed(
                        chunks.stream().map(Chunk::searchText).toList(),
                        chunks.stream().map(Chunk::contentHash).toList())
                .vectors();
    }

    /** How many chunks await their vector now. */
    public long backlog() {
        return index.awaitingVectorCount();
    }

    /** Makes an idle backfill look at the index now, e.g. after an ingestion commit. */
    public void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** The last failure of a round, while rounds keep failing; empty once a round succeeds. */
    public Optional<String> failure() {
        return lastFailure;
    }

    /**
     * Waits until no chunk awaits a vector, telling {@code progress} the backlog about once a second.
     *
     * @param maxFailures consecutive failed rounds after which waiting is pointless (the model is down)
     * @return true when the backlog is empty; false when the rounds kept failing ({@link #failure()} says why)
     */
    public boolean awaitDrained(LongConsumer progress, int maxFailures) {
        Checks.positive(maxFailures, "maxFailures");
        try {
            while (true) {
                long behind = backlog();
                if (behind == 0) {
                    return true;
                }
                if (failures >= maxFailures) {
                    return false;
                }
                progress.accept(behind);
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return backlog() == 0;
        }
    }

    private void loop() {
        while (!stopping) {
            int embedded;
            try {
                embedded = runOnce();
                failures = 0;
                lastFailure = Optional.empty();
            } catch (RuntimeException e) {
                embedded = 0;
                failures++;
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!lastFailure.equals(Optional.of(message))) {
                    log.accept("cannot embed chunks awaiting their vectors (they stay keyword-searchable; retrying): "
                            + message);
                }
                lastFailure = Optional.of(message);
                if (!sleep(backoff())) {
                    return;
                }
                continue;
            }
            if (embedded == 0 && !sleep(IDLE_POLL)) {
                return;
            }
        }
    }

    private Duration backoff() {
        long ms = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(10, failures));
        return Duration.ofMillis(ms);
    }

    /** Sleeps unless woken or stopped; false when stopped. */
    private boolean sleep(Duration duration) {
        synchronized (wake) {
            if (stopping) {
                return false;
            }
            try {
                wake.wait(duration.toMillis());
            } catch (InterruptedException e) {
                return false;
            }
        }
        return !stopping;
    }

    /** Lets the round in progress finish (its vectors committed), then stops; what is left waits for the next run. */
    @Override
    public void close() {
        stopping = true;
        wake();
        if (thread.isAlive()) {
            try {
                thread.join(CLOSE_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        slices.shutdownNow();
    }
}
