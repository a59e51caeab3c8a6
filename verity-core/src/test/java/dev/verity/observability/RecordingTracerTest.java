package dev.verity.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.observability.RecordingTracer.RecordedSpan;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecordingTracerTest {
    /** A clock that moves 1 ms each time it is read. */
    private final AtomicLong now = new AtomicLong();

    private final RecordingTracer tracer = new RecordingTracer(() -> now.getAndAdd(1_000_000));

    @Test
    void aSpanStartedInsideAnotherIsItsChildAndEndsFirst() {
        try (Tracer.Span query = tracer.start("query")) {
            try (Tracer.Span bm25 = tracer.start("bm25")) {
                bm25.attribute("k", 50).attribute("mode", "hybrid");
            }
            tracer.inSpan("generate", () -> "answer");
        }

        List<RecordedSpan> spans = tracer.spans();
        assertThat(spans).extracting(RecordedSpan::name).containsExactly("bm25", "generate", "query");
        long root = spans.get(2).id();
        assertThat(spans.get(2).parent()).isEmpty();
        assertThat(spans.get(0).parent()).isEqualTo(OptionalLong.of(root));
        assertThat(spans.get(1).parent()).isEqualTo(OptionalLong.of(root));
        assertThat(spans.get(0).attributes())
                .containsExactly(java.util.Map.entry("k", 50L), java.util.Map.entry("mode", "hybrid"));
    }

    @Test
    void millisAddUpPerNameInTheOrderNamesFirstEnded() {
        // clock reads: query 0, cache 1-2, cache 3-4, generate 5-6, query ends at 7 (ms)
        try (Tracer.Span query = tracer.start("query")) {
            tracer.inSpan("cache", () -> 1);
            tracer.inSpan("cache", () -> 2);
            tracer.inSpan("generate", () -> 3);
        }

        assertThat(tracer.millisByName())
                .containsExactly(
                        java.util.Map.entry("cache", 2L),
                        java.util.Map.entry("generate", 1L),
                        java.util.Map.entry("query", 7L));
    }

    @Test
    void aSpanEndsOnceAndTheNextOneIsARootAgain() {
        Tracer.Span first = tracer.start("first");
        first.end();
        first.end();
        tracer.start("second").end();

        assertThat(tracer.spans())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.parent()).isEmpty());
    }

    @Test
    void aSpanEndsWhenItsWorkThrows() {
        assertThatThrownBy(() -> tracer.inSpan("llm", () -> {
                    throw new IllegalStateException("timeout");
                }))
                .hasMessage("timeout");

        assertThat(tracer.spans()).extracting(RecordedSpan::name).containsExactly("llm");
    }

    @Test
    void spansOfOtherThreadsDoNotNestUnderThisThreadsSpan() throws Exception {
        try (Tracer.Span query = tracer.start("query")) {
            Thread worker =
                    Thread.ofPlatform().start(() -> tracer.start("worker").end());
            worker.join();
        }

        assertThat(tracer.spans())
                .filteredOn(s -> s.name().equals("worker"))
                .singleElement()
                .satisfies(s -> assertThat(s.parent()).isEmpty());
    }

    @Test
    void bothTracersSeeEverySpanAndNoopIsLeftOut() {
        RecordingTracer other = new RecordingTracer();

        Tracer.both(tracer, other).inSpan("fuse", () -> 1);

        assertThat(tracer.spans()).extracting(RecordedSpan::name).containsExactly("fuse");
        assertThat(other.spans()).extracting(RecordedSpan::name).containsExactly("fuse");
        assertThat(Tracer.both(Tracer.noop(), tracer)).isSameAs(tracer);
    }

    @Test
    void rejectsABlankSpanName() {
        assertThatThrownBy(() -> tracer.start(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank, got \" \"");
    }
}
