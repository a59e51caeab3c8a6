package dev.verity.app.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.observability.Tracer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The tracer that meters spans, driven directly with the span names and attributes of the span contract. */
class MeteringTracerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final MeterLabels labels =
            new MeterLabels(Set.of("gpt-test"), List.of(new MeterLabels.Route("openai", "gpt-test")));
    private final Tracer tracer = new MeteringTracer(registry, labels, nanos::get);

    @Test
    void everySpansDurationIsRecordedUnderItsStepName() {
        try (Tracer.Span query = tracer.start("query")) {
            try (Tracer.Span bm25 = tracer.start("bm25")) {
                nanos.addAndGet(3_000_000); // bm25 takes 3 ms, inside query
            }
            nanos.addAndGet(2_000_000); // query: 3 + 2 = 5 ms
        }

        assertThat(registry.get("verity.step").tag("step", "bm25").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(3.0);
        assertThat(registry.get("verity.step").tag("step", "query").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(5.0);
    }

    @Test
    void aSpanEndedTwiceIsRecordedOnce() {
        Tracer.Span span = tracer.start("fuse");
        span.end();
        span.end();

        assertThat(registry.get("verity.step").tag("step", "fuse").timer().count())
                .isEqualTo(1);
    }

    @Test
    void llmCallSpansCountCallsByProviderModelAndResult() {
        call("openai", "gpt-test", "ok");
        call("openai", "gpt-test", "timeout");
        call("openai", "gpt-test", "timeout");

        assertThat(calls("openai", "gpt-test", "ok")).isEqualTo(1);
        assertThat(calls("openai", "gpt-test", "timeout")).isEqualTo(2);
    }

    @Test
    void callsNamedInGenAiTermsCountUnderTheConfiguredProviderCode() {
        call("gcp.gemini", "gpt-test", "ok"); // how llm_call spans name Gemini and Azure OpenAI
        call("azure.ai.openai", "gpt-test", "ok");

        assertThat(calls("gemini", "gpt-test", "ok")).isEqualTo(1);
        assertThat(calls("azure-openai", "gpt-test", "ok")).isEqualTo(1);
    }

    @Test
    void unknownModelsProvidersAndResultsAreCountedAsOtherNeverAsTheirValue() {
        call("openai", "gpt-4o-preview", "ok");
        call("my-proxy", "gpt-test", "teapot");

        assertThat(calls("openai", "other", "ok")).isEqualTo(1);
        assertThat(calls("other", "gpt-test", "other")).isEqualTo(1);
        assertThat(registry.find("verity.llm.calls")
                        .tag("model", "gpt-4o-preview")
                        .counter())
                .isNull();
    }

    @Test
    void configuredModelsStartWithAZeroCallCount() {
        assertThat(calls("openai", "gpt-test", "ok")).isZero();
    }

    @Test
    void questionAndAnswerGuardSpansCountOneVerdictEach() {
        guard("guard_question", "injection-rules@1", "block");
        guard("guard_answer", "answer@1", "allow");
        guard("guard_question", "injection-rules@1", "allow");

        assertThat(verdicts("injection-rules@1", "block")).isEqualTo(1);
        assertThat(verdicts("injection-rules@1", "allow")).isEqualTo(1);
        assertThat(verdicts("answer@1", "allow")).isEqualTo(1);
    }

    @Test
    void anIngestionGuardSpanCountsItsChunksByVerdict() {
        try (Tracer.Span span = tracer.start("guard")) {
            span.attribute("guard", "injection-rules@1")
                    .attribute("allowed", 40L)
                    .attribute("flagged", 2L)
                    .attribute("blocked", 1L);
        }

        assertThat(verdicts("injection-rules@1", "allow")).isEqualTo(40);
        assertThat(verdicts("injection-rules@1", "flag")).isEqualTo(2);
        assertThat(verdicts("injection-rules@1", "block")).isEqualTo(1);
    }

    @Test
    void ingestSpansAddTheirPagesAndChunks() {
        assertThat(registry.get("verity.ingest.pages").counter().count()).isZero();
        for (int pages : new int[] {3, 12}) {
            try (Tracer.Span ingest = tracer.start("ingest")) {
                ingest.attribute("media_type", "application/pdf")
                        .attribute("status", "indexed")
                        .attribute("pages", (long) pages)
                        .attribute("chunks", pages * 2L);
            }
        }

        assertThat(registry.get("verity.ingest.pages").counter().count()).isEqualTo(15);
        assertThat(registry.get("verity.ingest.chunks").counter().count()).isEqualTo(30);
        assertThat(registry.get("verity.step").tag("step", "ingest").timer().count())
                .isEqualTo(2);
    }

    @Test
    void aStepNameThatIsNotPlainCodeIsRecordedAsOther() {
        tracer.start("What is the refund window?").end();

        assertThat(registry.get("verity.step").tag("step", "other").timer().count())
                .isEqualTo(1);
    }

    private void call(String provider, String model, String result) {
        try (Tracer.Span span = tracer.start("llm_call")) {
            span.attribute("gen_ai.operation.name", "chat")
                    .attribute("gen_ai.provider.name", provider)
                    .attribute("gen_ai.request.model", model)
                    .attribute("gen_ai.usage.input_tokens", 420L)
                    .attribute("verity.attempt", 1L)
                    .attribute("verity.result", result);
        }
    }

    private void guard(String step, String guard, String action) {
        try (Tracer.Span span = tracer.start(step)) {
            span.attribute("guard", guard).attribute("action", action);
        }
    }

    private double calls(String provider, String model, String result) {
        return registry.get("verity.llm.calls")
                .tags("provider", provider, "model", model, "result", result)
                .counter()
                .count();
    }

    private double verdicts(String guard, String verdict) {
        return registry.get("verity.guard.verdicts")
                .tags("guard", guard, "verdict", verdict)
                .counter()
                .count();
    }
}
