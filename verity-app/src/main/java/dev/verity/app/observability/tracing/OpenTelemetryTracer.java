package dev.verity.app.observability.tracing;

import dev.verity.observability.Tracer;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * The core's {@link Tracer} over an OpenTelemetry tracer. A span is the current span of OpenTelemetry's context while
 * it is open, so a span started meanwhile on the same thread is its child, and a span started under an incoming
 * request's context (the HTTP server's span) continues that trace. Attributes keep their type (string, long, double,
 * boolean).
 *
 * <p>End a span on the thread that started it, as the {@link Tracer} contract says: its scope is closed there. A span
 * ended on another thread is still ended and exported, but its scope is left to the starting thread, whose context
 * would then be wrong; so it is not closed from the wrong thread.
 */
final class OpenTelemetryTracer implements Tracer {
    private final io.opentelemetry.api.trace.Tracer tracer;

    OpenTelemetryTracer(io.opentelemetry.api.trace.Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    @Override
    public Span start(String name) {
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder(name).startSpan();
        return new OtelSpan(span, span.makeCurrent(), Thread.currentThread());
    }

    /** One open span and the scope that made it current on its thread. */
    private static final class OtelSpan implements Tracer.Span {
        private final io.opentelemetry.api.trace.Span span;
        private final Scope scope;
        private final Thread thread;
        private volatile boolean ended;

        OtelSpan(io.opentelemetry.api.trace.Span span, Scope scope, Thread thread) {
            this.span = span;
            this.scope = scope;
            this.thread = thread;
        }

        @Override
        public Tracer.Span attribute(String key, String value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Tracer.Span attribute(String key, long value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Tracer.Span attribute(String key, double value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Tracer.Span attribute(String key, boolean value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public void end() {
            if (ended) {
                return;
            }
            ended = true;
            span.end();
            if (Thread.currentThread() == thread) {
                scope.close();
            }
        }

        @Override
        public Optional<String> traceId() {
            SpanContext context = span.getSpanContext();
            return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
        }
    }
}
