package dev.verity.ingestion.jobs;

import dev.verity.catalog.DocumentRecord;
import dev.verity.ingestion.IngestResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's terminal result, written once the index has committed its chunks.
 *
 * @param document the catalogue record to write in the same transaction, when the job indexed a new version
 * @param embedded records of documents found inside it (archive members) to write in the same transaction, parents
 *     before children
 * @param removed ids of documents it no longer holds, to delete from the catalogue in the same transaction
 */
public record Completion(
        String jobId,
        IngestResult result,
        Optional<DocumentRecord> document,
        List<DocumentRecord> embedded,
        List<String> removed) {
    public Completion {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(document, "document");
        embedded = List.copyOf(embedded);
        removed = List.copyOf(removed);
    }

    /** The completion of a file with nothing inside it. */
    public Completion(String jobId, IngestResult result, Optional<DocumentRecord> document) {
        this(jobId, result, document, List.of(), List.of());
    }
}
