/**
 * Tracing with OpenTelemetry: the core's {@link dev.verity.observability.Tracer} over the OTel SDK, configured by the
 * standard {@code OTEL_*} variables and exported over OTLP ({@link dev.verity.app.config.TracingConfig}). One SDK for
 * the CLI and the server; off (and free) unless an OTLP endpoint is set.
 *
 * <pre>{@code
 * try (OpenTelemetryTracing tracing = OpenTelemetryTracing.start(TracingConfig.from(System.getenv()))) {
 *     Tracer tracer = tracing.tracer(); // Tracer.noop() when off
 *     try (Tracer.Span span = tracer.start("ingest")) {
 *         span.attribute("chunks", 12);
 *     }
 * } // flushes what is left, waiting at most a second for the collector
 * }</pre>
 */
@NullMarked
package dev.verity.app.observability.tracing;

import org.jspecify.annotations.NullMarked;
