package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.ingestion.jobs.Job;
import java.time.Instant;

/**
 * One queued file on the wire. {@code reason} and {@code message} say why it was rejected or quarantined, or (while
 * queued again) why its last attempt failed. {@code keyword_searchable_at} and {@code vector_searchable_at} say when
 * the file became findable by keyword (at once when indexed) and by meaning (once its vectors, computed behind
 * ingestion, are in); null until then.
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
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("keyword_searchable_at") Instant keywordSearchableAt,
        @JsonProperty("vector_searchable_at") Instant vectorSearchableAt) {

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
                job.finishedAt().orElse(null),
                job.keywordSearchableAt().orElse(null),
                job.vectorSearchableAt().orElse(null));
    }
}
