package dev.verity.ingestion.jobs;

import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.parsing.Rejection;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One file's ingestion, as the queue records it.
 *
 * @param id {@code j_…}
 * @param batchId the batch it was submitted in, {@code b_…}
 * @param seq its position in the batch, from 0
 * @param documentId the document it creates or replaces
 * @param attempts attempts that failed with a transient error
 * @param leases times a worker took it; more than the attempts when a worker died while holding it
 * @param rejection why it was rejected or quarantined, or why its last attempt failed
 * @param chunks, version what is indexed now, once indexed or unchanged
 * @param embedded documents found inside it (archive members) that are indexed now, once indexed or unchanged
 * @param keywordSearchableAt when its chunks became findable by keyword (durable in the index), once indexed or
 *     unchanged
 * @param vectorSearchableAt when the last of its chunks got its vector, so that it is findable by meaning too; empty
 *     while vectors are still being computed behind ingestion (and for jobs recorded before this was kept)
 */
public record Job(
        String id,
        String batchId,
        int seq,
        String source,
        String documentId,
        IngestOptions options,
        Optional<String> blobSha256,
        long sizeBytes,
        JobStatus status,
        int attempts,
        int leases,
        Optional<Rejection> rejection,
        int chunks,
        int version,
        Instant createdAt,
        Optional<Instant> finishedAt,
        int embedded,
        Optional<Instant> keywordSearchableAt,
        Optional<Instant> vectorSearchableAt) {

    /** A job of a file with nothing inside it (or not yet finished), whose searchable times are not known (yet). */
    public Job(
            String id,
            String batchId,
            int seq,
            String source,
            String documentId,
            IngestOptions options,
            Optional<String> blobSha256,
            long sizeBytes,
            JobStatus status,
            int attempts,
            int leases,
            Optional<Rejection> rejection,
            int chunks,
            int version,
            Instant createdAt,
            Optional<Instant> finishedAt) {
        this(
                id,
                batchId,
                seq,
                source,
                documentId,
                options,
                blobSha256,
                sizeBytes,
                status,
                attempts,
                leases,
                rejection,
                chunks,
                version,
                createdAt,
                finishedAt,
                0,
                Optional.empty(),
                Optional.empty());
    }

    public Job {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(keywordSearchableAt, "keywordSearchableAt");
        Objects.requireNonNull(vectorSearchableAt, "vectorSearchableAt");
    }

    /** The file's result once the job is terminal. */
    public IngestResult result() {
        return switch (status) {
            case INDEXED ->
                new IngestResult(source, IngestStatus.INDEXED, Optional.empty(), documentId, chunks, version, embedded);
            case UNCHANGED ->
                new IngestResult(
                        source, IngestStatus.UNCHANGED, Optional.empty(), documentId, chunks, version, embedded);
            case REJECTED -> new IngestResult(source, IngestStatus.REJECTED, rejection, documentId, 0, 0);
            case QUARANTINED -> new IngestResult(source, IngestStatus.QUARANTINED, rejection, documentId, 0, 0);
            case QUEUED, RUNNING -> throw new IllegalStateException("job " + id + " is still " + status.code());
        };
    }
}
