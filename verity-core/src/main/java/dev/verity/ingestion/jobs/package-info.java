/**
 * The durable ingestion queue: {@link dev.verity.ingestion.jobs.IngestionService} submits one job per file
 * ({@link dev.verity.ingestion.jobs.JobStore}, leases with {@code FOR UPDATE SKIP LOCKED}),
 * {@link dev.verity.ingestion.jobs.IngestionWorkers} run each through the pipeline, retry transient failures with
 * backoff and quarantine what keeps failing.
 *
 * <pre>{@code
 * BatchStatus batch = ingestion.submit(files, IngestOptions.into("default"));
 * List<IngestResult> results = ingestion.await(batch.id(), IngestionService.Listener.none());
 * }</pre>
 *
 * <p>A job's result is recorded only after the index committed its chunks (see
 * {@code docs/adr/0009-durable-ingestion.md}): a crash replays it, idempotently.
 */
@NullMarked
package dev.verity.ingestion.jobs;

import org.jspecify.annotations.NullMarked;
