package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.observability.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Tracer} must do: spans open, take attributes, nest and end in any program that uses them as the
 * interface says, and tracing never changes the result or the failure of the work it traces. Subclass once per
 * implementation; implementations that record spans add tests of what they recorded.
 */
public abstract class TracerContract {
    protected Tracer tracer;

    /** A new tracer. */
    protected abstract Tracer openTracer();

    @BeforeEach
    void open() {
        tracer = openTracer();
    }

    @Test
    void aSpanTakesAttributesOfEveryTypeAndChainsThem() {
        Tracer.Span span = tracer.start("bm25");

        assertThat(span).isNotNull();
        assertThat(span.attribute("mode", "hybrid")
                        .attribute("k", 50L)
                        .attribute("score", 0.5)
                        .attribute("cached", true))
                .isNotNull();
        span.end();
    }

    @Test
    void endingASpanTwiceIsHarmless() {
        Tracer.Span span = tracer.start("fuse");
        span.end();
        span.end();
        span.close();
    }

    @Test
    void spansNestInTryWithResources() {
        try (Tracer.Span query = tracer.start("query")) {
            query.attribute("trace_id", "0af7651916cd43dd8448eb211c80319c");
            try (Tracer.Span retrieval = tracer.start("bm25")) {
                retrieval.attribute("k", 50L);
            }
            try (Tracer.Span generation = tracer.start("generate")) {
                generation.attribute("generator", "extractive");
            }
        }
        tracer.start("next").end();
    }

    @Test
    void inSpanReturnsWhatTheWorkReturns() {
        assertThat(tracer.inSpan("embed_query", () -> "vector")).isEqualTo("vector");
    }

    @Test
    void inSpanLetsTheWorksFailurePassUnchanged() {
        IllegalStateException timeout = new IllegalStateException("timeout");

        assertThatThrownBy(() -> tracer.inSpan("llm", () -> {
                    throw timeout;
                }))
                .isSameAs(timeout);
        tracer.inSpan("after", () -> 1);
    }

    @Test
    void threadsTraceSideBySide() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try (Tracer.Span outer = tracer.start("request")) {
                        outer.attribute("n", n);
                        return tracer.inSpan("step", () -> n * 2);
                    }
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(i * 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
