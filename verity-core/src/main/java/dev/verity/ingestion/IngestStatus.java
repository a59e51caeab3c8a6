package dev.verity.ingestion;

import java.util.Locale;

/** The terminal state of one file in an ingestion. */
public enum IngestStatus {
    /** Parsed, chunked, embedded and committed to the index. */
    INDEXED,
    /** Same content and access as the version already indexed: nothing was done. */
    UNCHANGED,
    /** Not indexed, with a typed reason; any earlier version stays as it was. */
    REJECTED,
    /**
     * Not indexed after every retry failed (or the worker died on it each time); the original is kept so that
     * {@code verity jobs retry} can try again. Any earlier version stays as it was.
     */
    QUARANTINED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
