package dev.verity.ingestion.jobs;

import dev.verity.catalog.OriginalReferences;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.parsing.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable ingestion queue. Implementations: {@code JdbcJobStore} (H2 and PostgreSQL, leases taken with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}) in {@code verity-jdbc}.
 *
 * <p>A worker leases jobs for a while and renews the lease while it works; a lease that runs out (the worker died)
 * makes the job available again. A job's result and its document's catalogue record are written in one transaction,
 * after the index has committed the document's chunks (see {@code docs/adr/0009-durable-ingestion.md}).
 */
public interface JobStore extends OriginalReferences {

    /** Records a batch and its jobs, in order, in one transaction. */
    BatchStatus submit(IngestOptions options, List<NewJob> jobs, Instant now);

    /**
     * Takes up to {@code max} ready jobs, oldest first: queued ones whose retry time has come, and running ones whose
     * lease ran out. Never two jobs of the same document at once. Each taken job is running, leased to
     * {@code worker} until {@code now + lease}, its lease count raised by one.
     */
    List<Job> lease(String worker, int max, Instant now, Duration lease);

    /** Renews the worker's leases on these jobs. */
    void extend(String worker, Collection<String> jobIds, Instant until);

    /**
     * Writes terminal results, and the catalogue records they carry, in one transaction; a job whose lease the worker
     * no longer holds is left alone. An indexed or unchanged job is keyword-searchable from {@code now}.
     *
     * @return the ids of the jobs completed
     */
    Set<String> complete(String worker, List<Completion> completions, Instant now);

    /**
     * Records that every chunk of these documents now has its vector: the indexed or unchanged jobs of those documents
     * that do not yet say when they became vector-searchable say {@code at}. Jobs not yet terminal are left alone.
     */
    void markVectorSearchable(Collection<String> documentIds, Instant at);

    /** Puts a job the worker holds back in the queue, to be tried again at {@code notBefore}; counts an attempt. */
    void retryLater(String worker, String jobId, Rejection cause, Instant notBefore);

    /** Ends a job the worker holds as quarantined with the reason. */
    void quarantine(String worker, String jobId, Rejection cause, Instant now);

    /**
     * Puts every running job back in the queue. Only for a worker that knows no other worker can be running: the
     * embedded index admits one writer, so a process that holds it may take back the jobs of one that died.
     *
     * @return how many jobs were taken back
     */
    int requeueRunning();

    /**
     * Queues quarantined jobs of the tenant again, attempts reset: one job by {@code j_…} id, or all of a batch by
     * {@code b_…} id. Another tenant's jobs are left alone.
     *
     * @return how many were queued
     */
    int retry(String tenant, String id, Instant now);

    /** Any tenant's batch, for the workers. */
    Optional<BatchStatus> batch(String batchId);

    /** The tenant's batch; another tenant's is not found (filtered in the query). */
    Optional<BatchStatus> batch(String tenant, String batchId);

    /** The most recent batches of every tenant first, for the workers. */
    List<BatchStatus> batches(int limit);

    /** The tenant's most recent batches first. */
    List<BatchStatus> batches(String tenant, int limit);

    /** Any tenant's batch's jobs in submission order, for the workers. */
    List<Job> jobs(String batchId);

    /** The jobs of the tenant's batch in submission order; empty for another tenant's batch. */
    List<Job> jobs(String tenant, String batchId);

    /** Any tenant's job, for the workers. */
    Optional<Job> job(String jobId);

    /** The tenant's job; another tenant's is not found. */
    Optional<Job> job(String tenant, String jobId);

    /**
     * How many jobs of every tenant are in each status, every status present (0 when none): the queue at a glance,
     * for metrics. One aggregate query; callers that poll it (a metrics scrape) should cache it for a few seconds.
     */
    Map<JobStatus, Long> countByStatus();
}
