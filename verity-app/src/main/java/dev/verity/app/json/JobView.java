package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.ingestion.jobs.Job;
import java.time.Instant;

/**
 * One queued file on the wire. {@code reason} and {@code message} say why it was rejected or quarantined, or (while
 * queued again) why its last attempt failed.
 */
public record JobView(
        String id,
        @JsonProperty("batch_id") String batchId,
        String source,
        String status,
        String reason,
        String message,
        @JsonProperty("document_id") String documentId,
        int chunks,
        int version,
        int attempts,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("finished_at") Instant finishedAt) {

    public static JobView of(Job job) {
        return new JobView(
                job.id(),
                job.batchId(),
                job.source(),
                job.status().code(),
                job.rejection().map(r -> r.reason().code()).orElse(null),
                job.rejection().map(r -> r.message()).orElse(null),
                job.documentId(),
                job.chunks(),
                job.version(),
                job.attempts(),
                job.sizeBytes(),
                job.createdAt(),
                job.finishedAt().orElse(null));
    }
}
