package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.parsing.Rejection;

/**
 * One file's outcome on the wire: {@code {"source", "status", "reason", "message", "document_id", "chunks",
 * "embedded"}}. {@code reason} is the rejection code, null unless rejected; {@code embedded} counts the documents found
 * inside it (archive members) that are indexed, each listed by {@code verity docs} with its {@code parent_id}.
 */
public record IngestResultView(
        String source,
        String status,
        String reason,
        String message,
        @JsonProperty("document_id") String documentId,
        int chunks,
        int embedded) {

    public static IngestResultView of(IngestResult result) {
        return new IngestResultView(
                result.source(),
                result.status().code(),
                result.rejection().map(Rejection::reason).map(r -> r.code()).orElse(null),
                result.message(),
                result.documentId(),
                result.chunks(),
                result.embedded());
    }
}
