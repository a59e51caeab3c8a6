package dev.verity.app.server;

import dev.verity.app.observability.tracing.OpenTelemetryTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Continues the caller's trace. The W3C {@code traceparent} header (an invalid one is ignored, as the W3C
 * recommendation says) names the trace a request belongs to; its id is kept as a request attribute
 * ({@link #traceId(HttpServletRequest)}) so the answer's {@code trace_id} is that trace's, even when nothing is
 * exported. When tracing is on, each request is also a server span {@code {METHOD} {route}}
 * ({@code http.request.method}, {@code http.route}, {@code http.response.status_code}), the incoming trace's child,
 * current while the request is handled, so the answer's spans are its children. Either way a response continuing a
 * trace carries a {@code traceparent} header naming it.
 *
 * <p>It runs before authentication: a refused request is traced too. {@code /actuator/} requests (health checks,
 * scrapes) are not traced.
 */
final class TraceContextFilter extends OncePerRequestFilter {
    /** The request attribute holding the trace id of the request, when it belongs to one. */
    static final String TRACE_ID = TraceContextFilter.class.getName() + ".traceId";

    static final String TRACEPARENT = "traceparent";
    private static final String SCOPE = "dev.verity.http";

    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public @Nullable String get(@Nullable HttpServletRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private final OpenTelemetryTracing tracing;

    TraceContextFilter(OpenTelemetryTracing tracing) {
        this.tracing = Objects.requireNonNull(tracing, "tracing");
    }

    /** Health checks and scrapes, every few seconds: not worth a trace each. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    /** The trace id of this request: its valid incoming {@code traceparent}'s, or its server span's. */
    static Optional<String> traceId(HttpServletRequest request) {
        return request.getAttribute(TRACE_ID) instanceof String id ? Optional.of(id) : Optional.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
        SpanContext incoming = Span.fromContext(parent).getSpanContext();
        if (!tracing.enabled()) {
            if (incoming.isValid()) {
                request.setAttribute(TRACE_ID, incoming.getTraceId());
                response.setHeader(TRACEPARENT, traceparent(incoming));
            }
            chain.doFilter(request, response);
            return;
        }
        String method = request.getMethod();
        Span span = tracing.openTelemetry()
                .getTracer(SCOPE)
                .spanBuilder(method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .startSpan();
        request.setAttribute(TRACE_ID, span.getSpanContext().getTraceId());
        response.setHeader(TRACEPARENT, traceparent(span.getSpanContext()));
        try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            span.setStatus(StatusCode.ERROR)
                    .setAttribute("error.type", e.getClass().getName());
            end(span, request, response);
            throw e;
        }
        if (request.isAsyncStarted()) {
            // a streamed answer: the span lasts until the stream is complete
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    end(span, request, response);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    span.setAttribute("error.type", "timeout");
                    end(span, request, response);
                }

                @Override
                public void onError(AsyncEvent event) {
                    span.setStatus(StatusCode.ERROR);
                    end(span, request, response);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {}
            });
        } else {
            end(span, request, response);
        }
    }

    /** Names the span by the matched route (never the raw path: it may hold ids) and records the status. */
    private static void end(Span span, HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String route) {
            span.setAttribute("http.route", route).updateName(request.getMethod() + " " + route);
        }
        int status = response.getStatus();
        span.setAttribute("http.response.status_code", (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static String traceparent(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }
}
