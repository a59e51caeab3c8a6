package dev.verity.app.observability.tracing;

import dev.verity.app.config.TracingConfig;
import dev.verity.observability.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process's OpenTelemetry SDK, when tracing is on ({@link TracingConfig#enabled()}): spans go through a batch
 * processor to the OTLP endpoint. Closing it flushes what is left, waiting at most {@link #SHUTDOWN_SECONDS} for the
 * collector, so a process whose collector is gone still exits promptly.
 *
 * <p>The SDK is never made the global {@code GlobalOpenTelemetry}: only Verity's own spans are exported, and two of
 * these (a test's servers) do not fight over one global.
 */
public final class OpenTelemetryTracing implements AutoCloseable {
    /**
     * How long closing waits for the last spans to be exported: one batch's POST to a live collector takes a few
     * milliseconds; without a collector the exporter would retry with backoff for longer than a CLI command should
     * linger (measured: a refused port held shutdown for the whole bound).
     */
    static final long SHUTDOWN_SECONDS = 1;
    /** The instrumentation scope of Verity's spans. */
    static final String SCOPE = "dev.verity";

    private static final OpenTelemetryTracing OFF = new OpenTelemetryTracing(null, OpenTelemetry.noop(), false);

    private final Optional<OpenTelemetrySdk> sdk;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final boolean content;

    private OpenTelemetryTracing(OpenTelemetrySdk sdk, OpenTelemetry openTelemetry, boolean content) {
        this.sdk = Optional.ofNullable(sdk);
        this.openTelemetry = openTelemetry;
        this.tracer = sdk == null ? Tracer.noop() : new OpenTelemetryTracer(openTelemetry.getTracer(SCOPE));
        this.content = content;
    }

    /** Starts the SDK when {@code config} turns tracing on; otherwise returns a tracing that does nothing. */
    public static OpenTelemetryTracing start(TracingConfig config) {
        Objects.requireNonNull(config, "config");
        if (!config.enabled()) {
            return config.content() ? new OpenTelemetryTracing(null, OpenTelemetry.noop(), true) : OFF;
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                // the configuration's properties win over the process's own environment and system properties
                .addPropertiesCustomizer(properties -> config.properties())
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new OpenTelemetryTracing(sdk, sdk, config.content());
    }

    /** Tracing that exports nothing. */
    public static OpenTelemetryTracing off() {
        return OFF;
    }

    /** Whether spans are exported. */
    public boolean enabled() {
        return sdk.isPresent();
    }

    /** Whether questions (PII-masked) may be span attributes ({@code VERITY_TRACE_CONTENT=true}). */
    public boolean content() {
        return content;
    }

    /** Verity's spans as OpenTelemetry spans; {@link Tracer#noop()} when tracing is off. */
    public Tracer tracer() {
        return tracer;
    }

    /** The API to start spans directly (the HTTP server's request spans); a no-op API when tracing is off. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Flushes the spans not yet exported and stops the SDK, waiting at most {@link #SHUTDOWN_SECONDS}. */
    @Override
    public void close() {
        sdk.ifPresent(s -> s.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS));
    }
}
