package dev.verity.observability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts the spans of one request: named, timed steps with attributes, nested by the order they are opened on a
 * thread. Implementations: {@link #noop()} (records nothing), {@link RecordingTracer} (keeps finished spans in memory;
 * the query service makes its per-step timings from it), {@link #both} (fans out to two tracers); an OpenTelemetry
 * tracer belongs in the application, outside the core.
 *
 * <pre>{@code
 * try (Tracer.Span span = tracer.start("bm25")) {
 *     span.attribute("k", 50);
 *     hits = index.keywordSearch(query, filter, 50);
 * }
 * float[] vector = tracer.inSpan("embed_query", () -> embeddings.embedQuery(query));
 * }</pre>
 *
 * <p>A span started while another span of the same tracer is open on the same thread is that span's child, the way
 * OpenTelemetry's current context works. So end spans in the reverse order they started, on the thread that started
 * them: try-with-resources does both. Do NOT hand an open span to another thread and end it there; start a span in
 * the worker instead.
 */
public interface Tracer {

    /**
     * Starts a span; it is the current span on this thread until it ends.
     *
     * @param name the step, in {@code snake_case}, e.g. {@code bm25}, {@code generate}
     * @return the open span; never null
     */
    Span start(String name);

    /** Runs {@code work} in a span named {@code name} and returns its result; the span ends even when it throws. */
    default <T> T inSpan(String name, Supplier<T> work) {
        try (Span ignored = start(name)) {
            return work.get();
        }
    }

    /** A tracer that records nothing; its spans cost an allocation-free call. */
    static Tracer noop() {
        return NoopTracer.INSTANCE;
    }

    /** Every span started on both tracers; {@code noop()} on either side is left out. */
    static Tracer both(Tracer first, Tracer second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first == NoopTracer.INSTANCE) {
            return second;
        }
        if (second == NoopTracer.INSTANCE) {
            return first;
        }
        return name -> new BothSpan(List.of(first.start(name), second.start(name)));
    }

    /**
     * One open step. Attributes describe it (sizes, settings, outcomes; never document text or secrets); setting an
     * attribute again replaces it. {@link #end()} more than once is harmless.
     */
    interface Span extends AutoCloseable {

        Span attribute(String key, String value);

        Span attribute(String key, long value);

        Span attribute(String key, double value);

        Span attribute(String key, boolean value);

        void end();

        /**
         * The W3C trace id (32 lower-case hex characters) of the trace this span belongs to, when the tracer exports
         * traces (OpenTelemetry); empty for tracers that only record.
         */
        default Optional<String> traceId() {
            return Optional.empty();
        }

        /** Ends the span, so that try-with-resources closes it. */
        @Override
        default void close() {
            end();
        }
    }
}
