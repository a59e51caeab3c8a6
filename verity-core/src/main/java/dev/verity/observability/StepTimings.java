package dev.verity.observability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall time per named step of one request, in the order the steps ran. Thread-safe for steps run in parallel.
 *
 * <pre>{@code
 * StepTimings timings = new StepTimings();
 * List<ScoredChunk> hits = timings.time("keyword", () -> index.keywordSearch(q, filter, 50));
 * timings.asMillis(); // {keyword=3}
 * }</pre>
 */
public final class StepTimings {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    public <T> T time(String step, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(step, System.nanoTime() - start);
        }
    }

    public synchronized void record(String step, long elapsedNanos) {
        nanos.merge(step, elapsedNanos, Long::sum);
    }

    /** Milliseconds per step, rounded up so that a step that ran never shows as 0 when it took measurable time. */
    public synchronized Map<String, Long> asMillis() {
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((step, ns) -> millis.put(step, Math.round(ns / 1_000_000.0)));
        return Collections.unmodifiableMap(millis);
    }
}
