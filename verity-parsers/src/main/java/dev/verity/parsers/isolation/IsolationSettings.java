package dev.verity.parsers.isolation;

import dev.verity.internal.Checks;
import dev.verity.parsers.ParserSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link IsolatedDocumentParser} runs its parser processes.
 *
 * @param workers how many parser processes run at once, each parsing one file at a time; match the ingestion
 *     parallelism
 * @param timeout how long one file may take; the process parsing it is then killed and the file rejected as
 *     {@code TIMEOUT}
 * @param maxHeapBytes the heap of each parser process ({@code -Xmx}); a file that needs more is rejected as
 *     {@code PARSER_CRASHED}
 * @param parser the limits applied inside the parser processes
 */
public record IsolationSettings(int workers, Duration timeout, long maxHeapBytes, ParserSettings parser) {
    /** Tika's own default for a task in a forked process; a real 1,000-page PDF parses in well under 20 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Enough for a 1,000-page PDF or a 20 MB workbook; the JVM adds about 100 MB outside the heap. */
    public static final long DEFAULT_MAX_HEAP_BYTES = 512L * 1024 * 1024;
    /** A JVM needs some heap to load Tika at all. */
    public static final long MIN_HEAP_BYTES = 32L * 1024 * 1024;

    public IsolationSettings {
        Checks.positive(workers, "workers");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        if (maxHeapBytes < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException(
                    "maxHeapBytes must be at least " + MIN_HEAP_BYTES + " (32 MiB), got " + maxHeapBytes);
        }
        Objects.requireNonNull(parser, "parser");
    }

    public static IsolationSettings defaults(int workers) {
        return new IsolationSettings(workers, DEFAULT_TIMEOUT, DEFAULT_MAX_HEAP_BYTES, ParserSettings.defaults());
    }

    public IsolationSettings withTimeout(Duration newTimeout) {
        return new IsolationSettings(workers, newTimeout, maxHeapBytes, parser);
    }

    public IsolationSettings withMaxHeapBytes(long bytes) {
        return new IsolationSettings(workers, timeout, bytes, parser);
    }

    public IsolationSettings withParser(ParserSettings settings) {
        return new IsolationSettings(workers, timeout, maxHeapBytes, settings);
    }

    public IsolationSettings withWorkers(int count) {
        return new IsolationSettings(count, timeout, maxHeapBytes, parser);
    }
}
