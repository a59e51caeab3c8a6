package dev.verity.app.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the spans of answers and ingestion go, read from the standard OpenTelemetry variables. Off unless an OTLP
 * endpoint is set ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) or
 * {@code OTEL_TRACES_EXPORTER=otlp}; {@code OTEL_SDK_DISABLED=true} or {@code OTEL_TRACES_EXPORTER=none} turns it off
 * again. Every {@code OTEL_*} variable is passed to the SDK's autoconfiguration as its property
 * ({@code OTEL_EXPORTER_OTLP_HEADERS} becomes {@code otel.exporter.otlp.headers}), over these defaults:
 * {@code otel.service.name=verity}, {@code otel.exporter.otlp.protocol=http/protobuf} (the only protocol shipped:
 * Jaeger, Tempo, Langfuse and every collector take it on port 4318), {@code otel.metrics.exporter=none} and
 * {@code otel.logs.exporter=none} (metrics go to Prometheus through Micrometer).
 *
 * @param properties the SDK's properties, defaults included; empty when tracing is off
 * @param content whether the question (PII-masked) is a span attribute: {@code VERITY_TRACE_CONTENT=true}; document
 *     text never is
 */
public record TracingConfig(Map<String, String> properties, boolean content) {
    /** Nothing exported, no content. */
    public static final TracingConfig OFF = new TracingConfig(Map.of(), false);

    public static final String SERVICE_NAME = "verity";
    static final String CONTENT_ENV = "VERITY_TRACE_CONTENT";
    private static final String HTTP_PROTOBUF = "http/protobuf";

    public TracingConfig {
        properties = Map.copyOf(properties);
        Objects.requireNonNull(properties, "properties");
    }

    /** Whether spans are exported: an SDK is started only then. */
    public boolean enabled() {
        return !properties.isEmpty();
    }

    /**
     * @throws IllegalArgumentException when a variable asks for what is not shipped: the gRPC protocol, an exporter
     *     other than {@code otlp}
     */
    public static TracingConfig from(Map<String, String> env) {
        boolean content =
                Boolean.parseBoolean(env.getOrDefault(CONTENT_ENV, "false").strip());
        Map<String, String> otel = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
                otel.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value.strip());
            }
        });
        if (Boolean.parseBoolean(otel.getOrDefault("otel.sdk.disabled", "false"))) {
            return new TracingConfig(Map.of(), content);
        }
        String exporter = otel.getOrDefault("otel.traces.exporter", "").toLowerCase(Locale.ROOT);
        boolean endpoint = otel.containsKey("otel.exporter.otlp.endpoint")
                || otel.containsKey("otel.exporter.otlp.traces.endpoint");
        if (exporter.equals("none") || (exporter.isEmpty() && !endpoint)) {
            return new TracingConfig(Map.of(), content);
        }
        if (!exporter.isEmpty() && !exporter.equals("otlp")) {
            throw new IllegalArgumentException("OTEL_TRACES_EXPORTER=" + exporter
                    + " is not supported: Verity exports traces over OTLP only; set otlp (or none to turn tracing"
                    + " off)");
        }
        for (String protocol : new String[] {"otel.exporter.otlp.protocol", "otel.exporter.otlp.traces.protocol"}) {
            String value = otel.getOrDefault(protocol, HTTP_PROTOBUF);
            if (!value.equals(HTTP_PROTOBUF)) {
                throw new IllegalArgumentException(
                        protocol.toUpperCase(Locale.ROOT).replace('.', '_') + "=" + value
                                + " is not supported: Verity exports over http/protobuf only (a collector's port 4318);"
                                + " set http/protobuf or leave it unset");
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("otel.service.name", SERVICE_NAME);
        properties.put("otel.exporter.otlp.protocol", HTTP_PROTOBUF);
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        properties.putAll(otel);
        properties.put("otel.traces.exporter", "otlp");
        return new TracingConfig(properties, content);
    }
}
