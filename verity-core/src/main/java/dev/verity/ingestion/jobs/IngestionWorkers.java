package dev.verity.ingestion.jobs;

import dev.verity.catalog.BlobStore;
import dev.verity.index.Index;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.IngestionPipeline;
import dev.verity.ingestion.IngestionSettings;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.observability.Tracer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The ingestion workers of one process, on the durable {@link JobStore} queue.
 *
 * <ul>
 *   <li>A dispatcher leases ready jobs whenever one of the {@code parallelism} workers is free;
 *   <li>each worker runs one job through the {@link IngestionPipeline} (parse, chunk, guard, embed — or leave the
 *       embedding to a {@code VectorBackfill} —, replace the document's chunks in the index, uncommitted);
 *   <li>a committer gathers finished jobs, commits the index (every {@code commitEvery} jobs, when the workers run
 *       dry, or after {@link QueueSettings#maxCommitDelay()}), and only then writes the jobs' results and their
 *       documents' catalogue records in one database transaction (the files are keyword-searchable from then; those
 *       whose chunks all have vectors are recorded vector-searchable too);
 *   <li>a heartbeat renews the leases of the jobs in hand.
 * </ul>
 *
 * A crash anywhere loses no acknowledged file: a job is terminal in the queue only after the index holds its chunks,
 * and a job interrupted before that is leased again (at start, by the process that next holds the embedded index, or
 * when its lease runs out) and replayed; replaying is idempotent because the pipeline compares the file's hash with
 * both the catalogue and the index. Transient failures (index, database, model) are retried with exponential backoff
 * and jitter, then quarantined with their reason; bad files are rejected at once.
 */
public final class IngestionWorkers implements AutoCloseable {
    /** Receives each file's result once it is durable, and now and then the batch's files in work. */
    @FunctionalInterface
    public interface Listener {
        void onResult(IngestResult result, int done, int total);

        /**
         * The batch's files this process is working on, longest-running first; called about once a second and after
         * each result, in the waiting thread. Ignored by default.
         */
        default void inFlight(List<InFlight> files) {}

        static Listener none() {
            return (result, done, total) -> {};
        }
    }

    /** In which order {@link #await} hands results to its listener. */
    public enum ResultOrder {
        /** Submission order: a file's result waits for those of the files before it. */
        INPUT,
        /** As each file reaches its final state: one slow file holds back no other. */
        FINISHED
    }

    /** A file a worker of this process is on, and since when (its current attempt). */
    public record InFlight(String source, Instant since) {
        public InFlight {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(since, "since");
        }
    }

    /** How often {@link #await} tells its listener of the files in flight when no result arrives. */
    private static final Duration IN_FLIGHT_EVERY = Duration.ofSeconds(1);

    /** Rejections a retry may cure: the parser ran out of time or died, which load can cause. */
    private static final Set<RejectionReason> RETRIABLE_REJECTIONS =
            Set.of(RejectionReason.TIMEOUT, RejectionReason.PARSER_CRASHED);

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    private final IngestionPipeline pipeline;
    private final JobStore jobs;
    private final BlobStore blobs;
    private final Index index;
    private final IngestionSettings settings;
    private final QueueSettings queue;
    private final Clock clock;
    private final Consumer<String> log;
    private final String worker;
    private final JobSubmitter submitter;

    private final ExecutorService pool;
    private final Semaphore slots;
    private final AtomicInteger processing = new AtomicInteger();
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    /** Jobs a worker is running now, by job id, with when it started them: what {@link Listener#inFlight} shows. */
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final Map<String, List<BlockingQueue<Job>>> waiters = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private final Thread dispatcher;
    private final Thread committer;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean stopping;

    /**
     * Starts the workers. With {@code exclusive} (the index admits this process alone as writer) jobs left running by
     * a process that died are taken back at once rather than when their leases run out.
     *
     * @param log told of failures worth an operator's attention (one line each)
     */
    public IngestionWorkers(
            IngestionPipeline pipeline,
            JobStore jobs,
            BlobStore blobs,
            IngestionSettings settings,
            QueueSettings queue,
            Clock clock,
            boolean exclusive,
            Consumer<String> log) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.index = pipeline.index();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.submitter = new JobSubmitter(jobs, blobs, settings, clock);
        this.worker = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        if (exclusive) {
            int taken = jobs.requeueRunning();
            if (taken > 0) {
                log.accept("took back " + taken + " ingestion job(s) left running by a process that stopped");
            }
        }
        this.slots = new Semaphore(settings.parallelism());
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), r -> daemon(r, "verity-ingest"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "verity-ingest-lease"));
        long renewMs = Math.max(100, queue.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, renewMs, renewMs, TimeUnit.MILLISECONDS);
        this.committer = daemon(this::commitLoop, "verity-ingest-commit");
        this.dispatcher = daemon(this::dispatchLoop, "verity-ingest-dispatch");
        committer.start();
        dispatcher.start();
    }

    /** This process's worker name in job leases. */
    public String name() {
        return worker;
    }

    /** Stores the originals and queues one job per file ({@link JobSubmitter}); returns at once. */
    public BatchStatus submit(List<SourceFile> files, IngestOptions options) {
        BatchStatus status = submitter.submit(files, options);
        wakeDispatcher();
        return status;
    }

    /** {@link #await(String, ResultOrder, Listener)} in {@link ResultOrder#INPUT submission order}. */
    public List<IngestResult> await(String batchId, Listener listener) {
        return await(batchId, ResultOrder.INPUT, listener);
    }

    /**
     * Waits until every job of the batch is terminal, telling the listener of each result once it is durable (in the
     * caller's thread) in the given order, and returns the results in submission order. Jobs finished by other
     * processes are seen by polling the queue.
     */
    public List<IngestResult> await(String batchId, ResultOrder order, Listener listener) {
        BlockingQueue<Job> mine = new LinkedBlockingQueue<>();
        waiters.computeIfAbsent(batchId, id -> new CopyOnWriteArrayList<>()).add(mine);
        try {
            int total = jobs.batch(batchId)
                    .orElseThrow(() -> new IllegalArgumentException("no ingestion batch " + batchId))
                    .total();
            Reporter reporter = new Reporter(listener, total, order);
            reporter.offer(jobs.jobs(batchId));
            Instant lastPoll = clock.instant();
            while (reporter.reported() < total) {
                long waitMs = Math.min(queue.idlePoll().toMillis(), IN_FLIGHT_EVERY.toMillis());
                Job job = mine.poll(waitMs, TimeUnit.MILLISECONDS);
                if (job != null) {
                    reporter.offer(List.of(job));
                } else if (Duration.between(lastPoll, clock.instant()).compareTo(queue.idlePoll()) >= 0) {
                    lastPoll = clock.instant();
                    if (jobs.batch(batchId).map(BatchStatus::finished).orElse(true)) {
                        reporter.offer(jobs.jobs(batchId));
                    }
                }
                if (reporter.reported() < total) {
                    listener.inFlight(inFlight(batchId));
                }
            }
            return jobs.jobs(batchId).stream().map(Job::result).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ingestion batch " + batchId, e);
        } finally {
            waiters.computeIfPresent(batchId, (id, list) -> {
                list.remove(mine);
                return list.isEmpty() ? null : list;
            });
        }
    }

    /** The batch's jobs in the hands of this process's workers, longest-running first. */
    private List<InFlight> inFlight(String batchId) {
        return running.values().stream()
                .filter(r -> r.job().batchId().equals(batchId))
                .map(r -> new InFlight(r.job().source(), r.since()))
                .sorted(java.util.Comparator.comparing(InFlight::since))
                .toList();
    }

    private record Running(Job job, Instant since) {}

    /**
     * Hands terminal results to a listener, each once: in submission order (holding back those that finished early)
     * or as they come.
     */
    static final class Reporter {
        private final Listener listener;
        private final int total;
        private final ResultOrder order;
        private final java.util.TreeMap<Integer, Job> waiting = new java.util.TreeMap<>();
        private final Set<Integer> reported = new HashSet<>();
        private int next;

        Reporter(Listener listener, int total, ResultOrder order) {
            this.listener = listener;
            this.total = total;
            this.order = order;
        }

        void offer(List<Job> candidates) {
            for (Job job : candidates) {
                if (job.status().terminal() && !reported.contains(job.seq())) {
                    waiting.putIfAbsent(job.seq(), job);
                }
            }
            while (!waiting.isEmpty() && (order == ResultOrder.FINISHED || waiting.firstKey() == next)) {
                Job job = waiting.pollFirstEntry().getValue();
                reported.add(job.seq());
                next++;
                listener.onResult(job.result(), reported.size(), total);
            }
        }

        int reported() {
            return reported.size();
        }
    }

    // ---- dispatching

    private void dispatchLoop() {
        while (!stopping) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int free = 1 + slots.drainPermits();
            List<Job> leased;
            try {
                leased = stopping ? List.of() : jobs.lease(worker, free, clock.instant(), queue.lease());
            } catch (RuntimeException e) {
                log.accept("cannot take ingestion jobs from the queue: " + e.getMessage());
                leased = List.of();
            }
            slots.release(free - leased.size());
            for (Job job : leased) {
                if (job.leases() > queue.maxLeases()) {
                    giveUp(
                            job,
                            new Rejection(
                                    RejectionReason.FAILED,
                                    "processing it was interrupted " + (job.leases() - 1)
                                            + " times (a worker process died or lost its lease each time)"));
                    slots.release();
                    continue;
                }
                inHand.add(job.id());
                processing.incrementAndGet();
                try {
                    pool.execute(() -> run(job));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    processing.decrementAndGet(); // closing: the job stays running and is taken back next start
                    inHand.remove(job.id());
                }
            }
            if (leased.isEmpty()) {
                synchronized (wake) {
                    try {
                        wake.wait(queue.idlePoll().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void wakeDispatcher() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run(Job job) {
        running.put(job.id(), new Running(job, clock.instant()));
        try {
            Optional<Path> original = job.blobSha256().flatMap(blobs::path);
            if (original.isEmpty()) {
                finished.add(new Finished(
                        job,
                        new IngestionPipeline.Outcome(
                                new IngestResult(
                                        job.source(),
                                        IngestStatus.REJECTED,
                                        Optional.of(new Rejection(
                                                RejectionReason.UNREADABLE,
                                                "its stored original "
                                                        + job.blobSha256().orElse("?") + " is missing")),
                                        job.documentId(),
                                        0,
                                        0),
                                Optional.empty(),
                                Optional.empty())));
                return;
            }
            IngestionPipeline.Outcome outcome = pipeline.process(
                    original.get(), job.source(), job.blobSha256().orElseThrow(), job.sizeBytes(), job.options());
            Optional<Rejection> rejection = outcome.result().rejection();
            if (rejection.isPresent()
                    && RETRIABLE_REJECTIONS.contains(rejection.get().reason())) {
                failed(job, rejection.get());
                return;
            }
            finished.add(new Finished(job, outcome));
        } catch (RuntimeException e) {
            failed(job, new Rejection(RejectionReason.FAILED, e.toString()));
        } finally {
            running.remove(job.id());
            processing.decrementAndGet();
            slots.release();
        }
    }

    /** A transient failure: retry later, or quarantine when the attempts are used up. */
    private void failed(Job job, Rejection cause) {
        int attempts = job.attempts() + 1;
        try {
            if (attempts >= queue.maxAttempts()) {
                giveUp(
                        job,
                        new Rejection(
                                cause.reason(),
                                cause.detail() + " (attempt " + attempts + " of " + queue.maxAttempts() + ")"));
            } else {
                jobs.retryLater(worker, job.id(), cause, clock.instant().plus(backoff(attempts)));
                inHand.remove(job.id());
            }
        } catch (RuntimeException e) {
            // the queue is unreachable too: let the lease run out, and the job comes back
            inHand.remove(job.id());
            log.accept("cannot record the failure of " + job.source() + " (" + cause.detail() + "): " + e.getMessage());
        }
    }

    private void giveUp(Job job, Rejection cause) {
        jobs.quarantine(worker, job.id(), cause, clock.instant());
        inHand.remove(job.id());
        log.accept("quarantined " + job.source() + " (" + job.id() + "): " + cause.detail());
        notifyWaiters(jobs.job(job.id()).stream().toList());
    }

    private Duration backoff(int attempts) {
        long base = queue.retryBase().toMillis() << Math.min(20, attempts - 1);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    // ---- committing

    private void commitLoop() {
        List<Finished> batch = new ArrayList<>();
        while (!(stopping && processing.get() == 0 && finished.isEmpty())) {
            try {
                Finished first = finished.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + queue.maxCommitDelay().toNanos();
                while (batch.size() < settings.commitEvery()) {
                    Finished next = finished.poll();
                    if (next == null) {
                        if (processing.get() == 0) {
                            break; // nothing more is coming soon: make these durable now
                        }
                        long left = deadline - System.nanoTime();
                        next = left > 0 ? finished.poll(Math.min(left, 20_000_000L), TimeUnit.NANOSECONDS) : null;
                        if (next == null && System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                    if (next != null) {
                        batch.add(next);
                    }
                }
                commit(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                return;
            }
        }
    }

    private void commit(List<Finished> batch) {
        try (Tracer.Span span = pipeline.tracer().start("commit")) {
            span.attribute("files", batch.size());
            index.commit();
        } catch (RuntimeException e) {
            log.accept("the index failed to commit " + batch.size() + " file(s): " + e.getMessage());
            for (Finished f : batch) {
                failed(f.job(), new Rejection(RejectionReason.FAILED, "the index failed to commit: " + e));
            }
            return;
        }
        List<Completion> completions = batch.stream()
                .map(f -> new Completion(
                        f.job().id(),
                        f.outcome().result(),
                        f.outcome().record(),
                        f.outcome().embeddedRecords(),
                        f.outcome().allRemovedIds()))
                .toList();
        Set<String> completed;
        try {
            completed = jobs.complete(worker, completions, clock.instant());
        } catch (RuntimeException e) {
            // the index holds the chunks, the queue does not know: the leases run out and the jobs are replayed,
            // which finds the documents unchanged or writes them once more
            log.accept("cannot record " + batch.size() + " finished ingestion job(s): " + e.getMessage());
            batch.forEach(f -> inHand.remove(f.job().id()));
            return;
        }
        batch.forEach(f -> inHand.remove(f.job().id()));
        recordVectorSearchable(batch, completed);
        collectGarbage(batch);
        List<Job> done = new ArrayList<>();
        for (Finished f : batch) {
            if (completed.contains(f.job().id())) {
                done.add(terminal(f.job(), f.outcome().result()));
            }
        }
        notifyWaiters(done);
    }

    /**
     * Documents just completed whose chunks all have their vectors (embedded inline, or from the cache) are
     * vector-searchable now; the others become so when a {@code VectorBackfill} has embedded their last chunk.
     */
    private void recordVectorSearchable(List<Finished> batch, Set<String> completed) {
        try {
            List<String> ready = batch.stream()
                    .filter(f -> completed.contains(f.job().id()))
                    .filter(f -> f.outcome().result().status() == IngestStatus.INDEXED
                            || f.outcome().result().status() == IngestStatus.UNCHANGED)
                    .map(f -> f.job().documentId())
                    .distinct()
                    .filter(id -> index.awaitingVectorCount(id) == 0)
                    .toList();
            jobs.markVectorSearchable(ready, clock.instant());
        } catch (RuntimeException e) {
            log.accept("cannot record which files are vector-searchable: " + e.getMessage());
        }
    }

    /** Originals no document or pending job needs: rejected files, replaced versions. */
    private void collectGarbage(List<Finished> batch) {
        Set<String> candidates = new HashSet<>();
        for (Finished f : batch) {
            f.job().blobSha256().ifPresent(candidates::add);
            candidates.addAll(f.outcome().garbageCandidates());
        }
        try {
            for (String sha : jobs.unreferenced(candidates)) {
                blobs.delete(sha);
            }
        } catch (RuntimeException e) {
            log.accept("cannot remove unused originals: " + e.getMessage() + " (`verity check --repair` does)");
        }
    }

    private static Job terminal(Job job, IngestResult result) {
        JobStatus status = switch (result.status()) {
            case INDEXED -> JobStatus.INDEXED;
            case UNCHANGED -> JobStatus.UNCHANGED;
            case REJECTED -> JobStatus.REJECTED;
            case QUARANTINED -> JobStatus.QUARANTINED;
        };
        return new Job(
                job.id(),
                job.batchId(),
                job.seq(),
                job.source(),
                job.documentId(),
                job.options(),
                job.blobSha256(),
                job.sizeBytes(),
                status,
                job.attempts(),
                job.leases(),
                result.rejection(),
                result.chunks(),
                result.version(),
                job.createdAt(),
                Optional.of(Instant.now()),
                result.embedded(),
                Optional.empty(),
                Optional.empty());
    }

    private void notifyWaiters(Collection<Job> done) {
        for (Job job : done) {
            List<BlockingQueue<Job>> list = waiters.get(job.batchId());
            if (list != null) {
                list.forEach(q -> q.add(job));
            }
        }
    }

    private void renewLeases() {
        if (inHand.isEmpty()) {
            return;
        }
        try {
            jobs.extend(worker, List.copyOf(inHand), clock.instant().plus(queue.lease()));
        } catch (RuntimeException e) {
            log.accept("cannot renew ingestion leases: " + e.getMessage());
        }
    }

    /**
     * Stops taking jobs, lets the jobs in hand finish (up to a minute) and commits them. Jobs still unfinished stay
     * running in the queue and are taken back by the next process.
     */
    @Override
    public void close() {
        stopping = true;
        dispatcher.interrupt();
        wakeDispatcher();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
            committer.join(SHUTDOWN_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            committer.interrupt();
            heartbeat.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private record Finished(Job job, IngestionPipeline.Outcome outcome) {}
}
