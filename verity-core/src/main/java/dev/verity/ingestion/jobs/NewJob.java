package dev.verity.ingestion.jobs;

import dev.verity.ingestion.parsing.Rejection;
import dev.verity.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * A file to queue.
 *
 * @param source its name in results and citations
 * @param blobSha256 its stored original; empty when it could not be stored
 * @param sizeBytes its size
 * @param rejected present when the file was refused before it was stored (empty, too large, unreadable): the job is
 *     recorded as rejected at once
 */
public record NewJob(String source, Optional<String> blobSha256, long sizeBytes, Optional<Rejection> rejected) {
    public NewJob {
        Checks.nonBlank(source, "source");
        Objects.requireNonNull(blobSha256, "blobSha256");
        Objects.requireNonNull(rejected, "rejected");
        if (blobSha256.isEmpty() == rejected.isEmpty()) {
            throw new IllegalArgumentException(
                    "a job has either a stored original or a rejection, not " + blobSha256 + " and " + rejected);
        }
    }

    public static NewJob stored(String source, String sha256, long sizeBytes) {
        return new NewJob(source, Optional.of(sha256), sizeBytes, Optional.empty());
    }

    public static NewJob refused(String source, long sizeBytes, Rejection rejection) {
        return new NewJob(source, Optional.empty(), sizeBytes, Optional.of(rejection));
    }
}
