package dev.verity.ingestion;

import dev.verity.ingestion.parsing.Rejection;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one file.
 *
 * @param source the file's name as ingested
 * @param status indexed, unchanged, rejected or quarantined
 * @param rejection the typed reason, present exactly when rejected or quarantined
 * @param documentId the document's id (also for rejections, so a retry can be matched)
 * @param chunks chunks in the index for the document now; 0 when rejected
 * @param version the document version now indexed; 0 when none
 * @param embedded documents found inside it (archive members, at every level) that are indexed now
 */
public record IngestResult(
        String source,
        IngestStatus status,
        Optional<Rejection> rejection,
        String documentId,
        int chunks,
        int version,
        int embedded) {

    /** The result of a file with no documents inside it. */
    public IngestResult(
            String source,
            IngestStatus status,
            Optional<Rejection> rejection,
            String documentId,
            int chunks,
            int version) {
        this(source, status, rejection, documentId, chunks, version, 0);
    }

    public IngestResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rejection, "rejection");
        if (rejection.isPresent() != failed(status)) {
            throw new IllegalArgumentException("a rejection must be present exactly when rejected or quarantined, got "
                    + status + " with " + rejection);
        }
    }

    /** The human message: for a rejection what went wrong and what to do; otherwise a short summary. */
    public String message() {
        return switch (status) {
            case INDEXED ->
                "indexed " + chunks + (chunks == 1 ? " chunk" : " chunks") + embeddedSuffix() + " (version " + version
                        + ")";
            case UNCHANGED -> "unchanged since version " + version + embeddedSuffix();
            case REJECTED, QUARANTINED -> rejection.orElseThrow().message();
        };
    }

    private String embeddedSuffix() {
        return embedded == 0 ? "" : ", " + embedded + (embedded == 1 ? " embedded document" : " embedded documents");
    }

    private static boolean failed(IngestStatus status) {
        return status == IngestStatus.REJECTED || status == IngestStatus.QUARANTINED;
    }
}
