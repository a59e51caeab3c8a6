package dev.verity.generation.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackAnswerGeneratorTest {
    private static final Answer EXTRACTED = new Answer("extracted", false, 0.5, List.of());
    private static final AnswerRequest QUESTION = AnswerRequest.of("q", List.of());

    /** Answers at once, delivering the whole text as one delta, as a generator that cannot stream must. */
    private static final AnswerGenerator EXTRACTING = (request, listener) -> {
        listener.onDelta(EXTRACTED.text());
        return EXTRACTED;
    };

    /** Streams some text, then fails as told. */
    private static AnswerGenerator failingAfterText(RuntimeException failure) {
        return (request, listener) -> {
            listener.onDelta("The answer is");
            throw failure;
        };
    }

    @Test
    void theFirstGeneratorThatAnswersWinsAndItsAnswerIsNotDegraded() {
        Answer answer = new FallbackAnswerGenerator(List.of(EXTRACTING)).generate(QUESTION, AnswerListener.none());

        assertThat(answer).isEqualTo(EXTRACTED);
        assertThat(answer.generation().degraded()).isFalse();
    }

    @Test
    void aFallbackAnswerIsDegradedWithTheFirstFailureAndTheTokensSpent() {
        FallbackAnswerGenerator chain = new FallbackAnswerGenerator(List.of(
                failingAfterText(
                        new GenerationException("invalid_output", new TokenUsage(10, 5, true), 0.002, "bad json")),
                failingAfterText(new ProviderException(ProviderException.Kind.TIMEOUT, "p", "slow")),
                EXTRACTING));

        Answer answer = chain.generate(QUESTION, AnswerListener.none());

        assertThat(answer.text()).isEqualTo("extracted");
        assertThat(answer.generation().degradedReason()).contains("invalid_output");
        assertThat(answer.generation().usage()).isEqualTo(new TokenUsage(10, 5, true));
        assertThat(answer.generation().costUsd()).isEqualTo(0.002);
    }

    @Test
    void aListenerIsResetWhenAGeneratorFailsAfterStreamingText() {
        List<String> events = new ArrayList<>();
        AnswerListener listener = new AnswerListener() {
            @Override
            public void onDelta(String text) {
                events.add(text);
            }

            @Override
            public void onReset() {
                events.add("<reset>");
            }
        };
        FallbackAnswerGenerator chain = new FallbackAnswerGenerator(List.of(
                failingAfterText(new ProviderException(ProviderException.Kind.CONNECTION, "p", "reset")), EXTRACTING));

        chain.generate(QUESTION, listener);

        assertThat(events).containsExactly("The answer is", "<reset>", "extracted");
    }

    @Test
    void whenEveryGeneratorFailsTheLastFailurePropagates() {
        ProviderException down = new ProviderException(ProviderException.Kind.SERVER_ERROR, "p", "down");
        FallbackAnswerGenerator chain = new FallbackAnswerGenerator(List.of(failingAfterText(down)));

        assertThatThrownBy(() -> chain.generate(QUESTION, AnswerListener.none()))
                .isSameAs(down);
    }
}
