package dev.verity.observability;

import dev.verity.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@link Tracer} that keeps every finished span in memory, in the order they ended. One per request: the query
 * service makes its per-step timings from it ({@link #millisByName()}), tests read its {@link #spans()}.
 * Thread-safe; nesting is tracked per thread.
 *
 * <pre>{@code
 * RecordingTracer tracer = new RecordingTracer();
 * try (Tracer.Span query = tracer.start("query")) {
 *     tracer.inSpan("bm25", () -> index.keywordSearch(q, filter, 50));
 * }
 * tracer.spans();         // [bm25 (parent: query), query]
 * tracer.millisByName();  // {bm25=3, query=4}
 * }</pre>
 *
 * Bounded: past {@link #MAX_SPANS} finished spans, further ones are counted in {@link #dropped()} and not kept, so a
 * runaway loop of spans cannot exhaust memory.
 */
public final class RecordingTracer implements Tracer {
    /** Far more than one answer opens (about a dozen); a request that opens more is looping. */
    public static final int MAX_SPANS = 10_000;

    private final LongSupplier nanoTime;
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<Open> current = new ThreadLocal<>();
    private final List<RecordedSpan> finished = new ArrayList<>();
    private long dropped;

    public RecordingTracer() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock spans are timed with, as {@link System#nanoTime()} */
    public RecordingTracer(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public Span start(String name) {
        Checks.nonBlank(name, "name");
        Open parent = current.get();
        Open span = new Open(ids.incrementAndGet(), parent, name, nanoTime.getAsLong());
        current.set(span);
        return span;
    }

    /** The finished spans, in the order they ended (a child before its parent). */
    public synchronized List<RecordedSpan> spans() {
        return List.copyOf(finished);
    }

    /** Finished spans that were not kept because {@link #MAX_SPANS} were already. */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Wall milliseconds per span name, summed over spans of the same name, in the order each name first ended; rounded
     * to the nearest millisecond.
     */
    public synchronized Map<String, Long> millisByName() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        finished.forEach(s -> nanos.merge(s.name(), s.durationNanos(), Long::sum));
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((name, ns) -> millis.put(name, Math.round(ns / 1_000_000.0)));
        return Collections.unmodifiableMap(millis);
    }

    private synchronized void finish(RecordedSpan span) {
        if (finished.size() < MAX_SPANS) {
            finished.add(span);
        } else {
            dropped++;
        }
    }

    /**
     * A finished span.
     *
     * @param id unique within its tracer, from 1
     * @param parent the id of the span that was current on the thread when this one started; empty for a root
     * @param name the step
     * @param attributes as last set, in the order first set
     * @param startNanos when it started, by the tracer's clock ({@link System#nanoTime()} unless given another)
     * @param endNanos when it ended, by the same clock
     */
    public record RecordedSpan(
            long id, OptionalLong parent, String name, Map<String, Object> attributes, long startNanos, long endNanos) {
        public RecordedSpan {
            Objects.requireNonNull(parent, "parent");
            Checks.nonBlank(name, "name");
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            if (endNanos < startNanos) {
                throw new IllegalArgumentException(
                        "a span must end after it starts, got start=" + startNanos + " end=" + endNanos);
            }
        }

        public long durationNanos() {
            return endNanos - startNanos;
        }
    }

    /** An open span; its attributes are guarded by itself, as another thread may read them only once it ended. */
    private final class Open implements Span {
        private final long id;
        private final Open parent;
        private final String name;
        private final long startNanos;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private boolean ended;

        Open(long id, Open parent, String name, long startNanos) {
            this.id = id;
            this.parent = parent;
            this.name = name;
            this.startNanos = startNanos;
        }

        @Override
        public Span attribute(String key, String value) {
            return put(key, Objects.requireNonNull(value, "value"));
        }

        @Override
        public Span attribute(String key, long value) {
            return put(key, value);
        }

        @Override
        public Span attribute(String key, double value) {
            return put(key, value);
        }

        @Override
        public Span attribute(String key, boolean value) {
            return put(key, value);
        }

        private synchronized Span put(String key, Object value) {
            Checks.nonBlank(key, "key");
            attributes.put(key, value);
            return this;
        }

        @Override
        public void end() {
            long endNanos = nanoTime.getAsLong();
            RecordedSpan span;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                span = new RecordedSpan(
                        id,
                        parent == null ? OptionalLong.empty() : OptionalLong.of(parent.id),
                        name,
                        attributes,
                        startNanos,
                        endNanos);
            }
            if (current.get() == this) {
                if (parent == null) {
                    current.remove();
                } else {
                    current.set(parent);
                }
            }
            finish(span);
        }
    }
}
