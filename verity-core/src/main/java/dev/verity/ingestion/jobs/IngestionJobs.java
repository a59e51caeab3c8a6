package dev.verity.ingestion.jobs;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.SourceFile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The ingestion use-case: queue files, work them, follow and retry the queue. What it needs is built only when first
 * used, so listing the queue or queueing without waiting ({@link #queue}) needs the database alone: no worker starts
 * and no model loads. {@link #submit}, {@link #ingest} and {@link #workUntilDone} start the workers, which also take
 * up jobs queued earlier.
 *
 * <p>Access: the reads ({@link #batch}, {@link #batches}, {@link #jobs}, {@link #job}) and {@link #retry} act for a
 * {@link Caller} and see only the caller's tenant (filtered in the store's query): another tenant's batch or job is
 * not found. {@link #submit(Caller, List, IngestOptions)} is the upload of a caller: it refuses, before storing
 * anything, a file that would replace a document the caller cannot see ({@link ReplacementRefusedException}). The
 * methods without a caller ({@link #queue}, {@link #submit(List, IngestOptions)}, {@link #ingest}) are the operator's
 * (the CLI on its own data folder, repair, sync) and check nothing.
 *
 * <pre>{@code
 * BatchStatus batch = jobs.submit(files, IngestOptions.into("default"));
 * List<IngestResult> results = jobs.await(batch.id(), (result, done, total) -> print(result));
 * }</pre>
 */
public final class IngestionJobs {
    /** How often {@link #workUntilDone} looks whether the queue is empty. */
    private static final Duration POLL = Duration.ofMillis(250);
    /** Batches looked at by {@link #workUntilDone} without an id: more than any queue holds open at once. */
    private static final int OPEN_BATCHES = 1000;

    private final JobStore jobs;
    private final DocumentStore documents;
    private final Supplier<JobSubmitter> submitter;
    private final Supplier<IngestionService> workers;
    private final Clock clock;
    private final AuditLog audit;

    /**
     * @param submitter queues without working (built on first use)
     * @param workers the running workers (started on first use; may refuse, e.g. for a data folder opened read-only)
     */
    public IngestionJobs(
            JobStore jobs,
            DocumentStore documents,
            Supplier<JobSubmitter> submitter,
            Supplier<IngestionService> workers,
            Clock clock,
            AuditLog audit) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Stores the originals and queues the files without working them; another process may work the queue. */
    public BatchStatus queue(List<SourceFile> files, IngestOptions options) {
        return submitter.get().submit(files, options);
    }

    /** Queues the files for the workers of this process and returns the batch at once. */
    public BatchStatus submit(List<SourceFile> files, IngestOptions options) {
        return workers.get().submit(files, options);
    }

    /**
     * A caller's upload: queues the files for the workers of this process and returns the batch at once, after
     * checking that the caller may write where the files go.
     *
     * @throws IllegalArgumentException when {@code options} name another tenant than the caller's
     * @throws ReplacementRefusedException when a file would replace a document the caller cannot see; nothing is
     *     stored or queued
     */
    public BatchStatus submit(Caller caller, List<SourceFile> files, IngestOptions options) {
        if (!options.tenant().equals(caller.tenant())) {
            throw new IllegalArgumentException(
                    "a caller of tenant " + caller.tenant() + " cannot ingest into tenant " + options.tenant());
        }
        for (SourceFile file : files) {
            String id = DocumentIds.documentId(options.tenant(), options.collection(), file.source());
            boolean hidden = documents
                    .find(options.tenant(), id)
                    .filter(r -> !r.info().visibleTo(caller.principals()))
                    .isPresent();
            if (hidden) {
                audit.append(new AuditEvent(
                        clock.instant(),
                        AuditEvent.UPLOAD,
                        caller.actor(),
                        caller.tenant(),
                        "", // not the hidden document's id: an administrator may not be allowed to see it either
                        AuditEvent.DENIED,
                        Map.of("collection", options.collection(), "reason", "hidden_document")));
                throw new ReplacementRefusedException(options.collection(), file.source());
            }
        }
        BatchStatus batch = submit(files, options);
        // the batch, its collection and how many files: not their names (a file name may hold a person's name)
        audit.append(new AuditEvent(
                clock.instant(),
                AuditEvent.UPLOAD,
                caller.actor(),
                caller.tenant(),
                batch.id(),
                AuditEvent.OK,
                Map.of("collection", options.collection(), "files", String.valueOf(files.size()))));
        return batch;
    }

    /** Waits for a submitted batch; results in submission order. */
    public List<IngestResult> await(String batchId, IngestionWorkers.Listener listener) {
        return workers.get().await(batchId, listener);
    }

    /**
     * Waits for a submitted batch, telling the listener of each result in the given order; returns the results in
     * submission order.
     */
    public List<IngestResult> await(
            String batchId, IngestionWorkers.ResultOrder order, IngestionWorkers.Listener listener) {
        return workers.get().await(batchId, order, listener);
    }

    /**
     * Waits until the vectors of every ingested chunk are in ({@link IngestionService#awaitVectors}); empty when they
     * are, otherwise why embedding keeps failing.
     */
    public Optional<String> awaitVectors(LongConsumer behind) {
        return workers.get().awaitVectors(behind);
    }

    /**
     * Ingests the files and returns one result per file, in input order, once all are durable and their vectors are in
     * (the listener hears of each file as soon as it is keyword-searchable). For callers that ask right after, such as
     * {@code sync}, {@code demo} and evaluation; to return as soon as files are keyword-searchable, {@link #submit} and
     * {@link #await} instead. When embedding keeps failing the results are returned anyway: those chunks stay
     * keyword-searchable and are embedded later.
     */
    public List<IngestResult> ingest(
            List<SourceFile> files, IngestOptions options, IngestionWorkers.Listener listener) {
        return workers.get().ingest(files, options, listener);
    }

    /** The batch, when it is of the caller's tenant. */
    public Optional<BatchStatus> batch(Caller caller, String batchId) {
        return jobs.batch(caller.tenant(), batchId);
    }

    /** The most recent batches of the caller's tenant first. */
    public List<BatchStatus> batches(Caller caller, int limit) {
        return jobs.batches(caller.tenant(), limit);
    }

    /**
     * The batch's jobs the caller may see, in submission order; empty for a batch of another tenant. A job names its
     * file and document, so a job of an upload with an ACL is shown only to a caller holding one of its principals,
     * like the document itself ({@link #job}); the batch's counts stay visible to the tenant.
     */
    public List<Job> jobs(Caller caller, String batchId) {
        return jobs.jobs(caller.tenant(), batchId).stream()
                .filter(job -> visibleTo(job, caller))
                .toList();
    }

    /** The job, when it is of the caller's tenant and the caller may see it ({@link #jobs}); else empty, as unknown. */
    public Optional<Job> job(Caller caller, String jobId) {
        return jobs.job(caller.tenant(), jobId).filter(job -> visibleTo(job, caller));
    }

    /** The rule of {@link dev.verity.document.DocumentInfo#visibleTo}, applied to the ACL the file was uploaded with. */
    private static boolean visibleTo(Job job, Caller caller) {
        Set<String> acl = job.options().acl();
        return acl.isEmpty() || caller.principals().stream().anyMatch(acl::contains);
    }

    /**
     * Queues quarantined jobs of the caller's tenant again, attempts reset: one job by {@code j_…} id, or all of a
     * batch by {@code b_…} id.
     *
     * @return how many were queued (0 for another tenant's job or batch)
     */
    public int retry(Caller caller, String id) {
        return jobs.retry(caller.tenant(), id, clock.instant());
    }

    /**
     * Works the queue in this process until nothing is queued or running: in the batch {@code batchId} when given,
     * else in any batch. Returns early, with the thread's interrupt flag set, when interrupted.
     */
    public void workUntilDone(Optional<String> batchId) {
        workers.get();
        while (true) {
            List<BatchStatus> open =
                    batchId.isPresent() ? jobs.batch(batchId.get()).stream().toList() : jobs.batches(OPEN_BATCHES);
            if (open.stream().allMatch(b -> b.finished() || (b.queued() == 0 && b.running() == 0))) {
                return;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
