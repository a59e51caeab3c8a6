package dev.verity.app.observability.metrics;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

/**
 * Puts the answer's trace id on {@code verity_answer_seconds} as a Prometheus exemplar, so a slow answer on a
 * dashboard leads to its run record ({@code verity runs show TRACE_ID}, {@code GET /v1/runs/{trace_id}}) and, when
 * tracing is on, to its trace. {@link VerityMetrics#answered} records the answer's latency inside
 * {@link #during}; the server's Prometheus registry asks this for the current trace while it records.
 *
 * <p>Prometheus exemplars carry a span id too: the current OpenTelemetry span's when it belongs to the answer's trace
 * (the request's server span, with tracing on), else the first 16 hex digits of the trace id, which names no span.
 * Exemplars are exposed in the OpenMetrics format only ({@code Accept: application/openmetrics-text}, what Prometheus
 * asks for with {@code --enable-feature=exemplar-storage}).
 */
public final class AnswerExemplars implements io.prometheus.metrics.tracer.common.SpanContext {
    private static final ThreadLocal<String> TRACE_ID = new ThreadLocal<>();

    /** Runs {@code record} with {@code traceId} as the exemplar of whatever it records on this thread. */
    static void during(String traceId, Runnable record) {
        TRACE_ID.set(traceId);
        try {
            record.run();
        } finally {
            TRACE_ID.remove();
        }
    }

    @Override
    public @Nullable String getCurrentTraceId() {
        return TRACE_ID.get();
    }

    @Override
    public @Nullable String getCurrentSpanId() {
        String traceId = TRACE_ID.get();
        if (traceId == null) {
            return null;
        }
        SpanContext current = Span.current().getSpanContext();
        return current.isValid() && current.getTraceId().equals(traceId)
                ? current.getSpanId()
                : traceId.substring(0, 16);
    }

    @Override
    public boolean isCurrentSpanSampled() {
        return TRACE_ID.get() != null;
    }

    @Override
    public void markCurrentSpanAsExemplar() {}
}
