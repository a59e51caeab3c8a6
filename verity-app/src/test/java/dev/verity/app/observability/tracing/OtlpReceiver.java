package dev.verity.app.observability.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver for tests: answers 200 to {@code POST /v1/traces}, decodes each
 * {@code ExportTraceServiceRequest} with the OpenTelemetry protobuf classes and keeps the spans. Point a service at
 * it with {@code OTEL_EXPORTER_OTLP_ENDPOINT=}{@link #endpoint()}.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** How long {@link #await} waits for the batch processor to export: a bound, not a measurement. */
    private static final long AWAIT_MILLIS = 20_000;

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final List<String> serviceNames = new ArrayList<>();

    /**
     * A span as received.
     *
     * @param traceId 32 hex characters
     * @param spanId 16 hex characters
     * @param parentSpanId 16 hex characters; empty for a root span
     * @param attributes by key: strings, longs, doubles, booleans
     */
    public record ReceivedSpan(
            String traceId, String spanId, String parentSpanId, String name, Map<String, Object> attributes) {
        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }

        public Object attribute(String key) {
            return attributes.get(key);
        }
    }

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    boolean gzip =
                            "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                    receiver.receive(ExportTraceServiceRequest.parseFrom(gzip ? new GZIPInputStream(in) : in));
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to set as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .forEach(a -> serviceNames.add(a.getValue().getStringValue()));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    for (KeyValue kv : span.getAttributesList()) {
                        attributes.put(kv.getKey(), value(kv.getValue()));
                    }
                    spans.add(new ReceivedSpan(
                            hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()),
                            span.getName(),
                            attributes));
                }
            }
            notifyAll();
        }
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BOOL_VALUE -> value.getBoolValue();
            default -> value.toString();
        };
    }

    /** Every span received so far. */
    public synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The {@code service.name} of every resource received. */
    public synchronized List<String> serviceNames() {
        return List.copyOf(serviceNames);
    }

    /** The spans of one trace received so far. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /**
     * Waits until the spans received satisfy {@code condition} (exports are batched, in the background) and returns
     * them; fails after {@link #AWAIT_MILLIS} with what was received.
     */
    public synchronized List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> condition) {
        long deadline = System.currentTimeMillis() + AWAIT_MILLIS;
        while (!condition.test(List.copyOf(spans))) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("the expected spans never arrived; received: "
                        + spans.stream().map(ReceivedSpan::name).toList());
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for spans", e);
            }
        }
        return List.copyOf(spans);
    }

    /** The first span named {@code name} among {@code spans}. */
    public static Optional<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
