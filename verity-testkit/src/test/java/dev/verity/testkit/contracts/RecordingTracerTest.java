package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;
import org.junit.jupiter.api.Test;

class RecordingTracerTest extends TracerContract {

    @Override
    protected Tracer openTracer() {
        return new RecordingTracer();
    }

    @Test
    void recordsEverySpanTheContractOpened() {
        spansNestInTryWithResources();

        assertThat(((RecordingTracer) tracer).spans())
                .extracting(RecordingTracer.RecordedSpan::name)
                .containsExactly("bm25", "generate", "query", "next");
    }
}
