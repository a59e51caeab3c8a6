package dev.verity.ingestion;

import dev.verity.internal.Checks;

/**
 * @param maxFileBytes larger files are rejected as too large before any parsing
 * @param parallelism files processed at once (parse, chunk, embed)
 * @param commitEvery files per index commit; each commit makes the batch durable and then records it in the catalogue
 */
public record IngestionSettings(long maxFileBytes, int parallelism, int commitEvery) {
    /** 100 MiB: beyond any office document or report; bigger inputs are almost always archives or media. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    /** Enough files per commit to amortize its fsync, few enough that a crash loses little work. */
    public static final int DEFAULT_COMMIT_EVERY = 32;

    public IngestionSettings {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be > 0, got " + maxFileBytes);
        }
        Checks.positive(parallelism, "parallelism");
        Checks.positive(commitEvery, "commitEvery");
    }

    public static IngestionSettings defaults() {
        return new IngestionSettings(
                DEFAULT_MAX_FILE_BYTES, Math.max(1, Runtime.getRuntime().availableProcessors()), DEFAULT_COMMIT_EVERY);
    }

    public IngestionSettings withMaxFileBytes(long bytes) {
        return new IngestionSettings(bytes, parallelism, commitEvery);
    }
}
