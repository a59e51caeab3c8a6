package dev.verity.ingestion.jobs;

import dev.verity.catalog.DocumentRecord;
import dev.verity.ingestion.IngestResult;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's terminal result, written once the index has committed its chunks.
 *
 * @param document the catalogue record to write in the same transaction, when the job indexed a new version
 */
public record Completion(String jobId, IngestResult result, Optional<DocumentRecord> document) {
    public Completion {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(document, "document");
    }
}
