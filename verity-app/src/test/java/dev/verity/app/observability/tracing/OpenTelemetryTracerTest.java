package dev.verity.app.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.observability.Tracer;
import dev.verity.testkit.contracts.TracerContract;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry tracer keeps the Tracer contract, and its spans are OpenTelemetry's: nested, typed, continued. */
class OpenTelemetryTracerTest extends TracerContract {
    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private SdkTracerProvider provider;

    @Override
    protected Tracer openTracer() {
        provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                    @Override
                    public CompletableResultCode export(Collection<SpanData> spans) {
                        exported.addAll(spans);
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                }))
                .build();
        return new OpenTelemetryTracer(provider.get("test"));
    }

    @AfterEach
    void shutDown() {
        provider.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    private SpanData exported(String name) {
        return exported.stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported));
    }

    @Test
    void aSpanStartedInsideAnotherIsItsChildInTheSameTrace() {
        String traceId;
        try (Tracer.Span query = tracer.start("query")) {
            traceId = query.traceId().orElseThrow();
            tracer.start("bm25").end();
        }
        tracer.start("next").end();

        assertThat(exported("bm25").getParentSpanId())
                .isEqualTo(exported("query").getSpanId());
        assertThat(exported("bm25").getTraceId()).isEqualTo(traceId);
        assertThat(exported("query").getParentSpanContext().isValid()).isFalse();
        assertThat(exported("next").getParentSpanContext().isValid())
                .as("the context is restored when a span ends")
                .isFalse();
        assertThat(exported("next").getTraceId()).isNotEqualTo(traceId);
    }

    @Test
    void attributesKeepTheirTypes() {
        tracer.start("vector")
                .attribute("verity.retrieval.filters", "sources")
                .attribute("verity.retrieval.k", 50L)
                .attribute("verity.retrieval.top_score", 0.75)
                .attribute("cached", true)
                .end();

        SpanData span = exported("vector");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("verity.retrieval.filters")))
                .isEqualTo("sources");
        assertThat(span.getAttributes().get(AttributeKey.longKey("verity.retrieval.k")))
                .isEqualTo(50L);
        assertThat(span.getAttributes().get(AttributeKey.doubleKey("verity.retrieval.top_score")))
                .isEqualTo(0.75);
        assertThat(span.getAttributes().get(AttributeKey.booleanKey("cached"))).isTrue();
    }

    @Test
    void aSpanStartedUnderAnIncomingContextContinuesItsTrace() {
        SpanContext incoming = SpanContext.createFromRemoteParent(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope ignored = Context.root().with(Span.wrap(incoming)).makeCurrent()) {
            try (Tracer.Span query = tracer.start("query")) {
                assertThat(query.traceId()).contains("0af7651916cd43dd8448eb211c80319c");
            }
        }

        assertThat(exported("query").getParentSpanId()).isEqualTo("b7ad6b7169203331");
    }
}
