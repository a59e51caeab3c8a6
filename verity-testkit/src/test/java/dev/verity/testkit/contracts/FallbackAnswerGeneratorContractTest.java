package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.AnswerRequest;
import dev.verity.generation.answer.FallbackAnswerGenerator;
import dev.verity.generation.provider.ProviderException;
import dev.verity.testkit.fakes.QuotingAnswerGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chain whose first generator streams some text and then times out: the second answers, within the contract. */
class FallbackAnswerGeneratorContractTest extends AnswerGeneratorContract {

    @Override
    protected AnswerGenerator openGenerator() {
        AnswerGenerator timingOut = (request, listener) -> {
            listener.onDelta("Staff get 30");
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "fake", "no reply within 2000 ms");
        };
        return new FallbackAnswerGenerator(List.of(timingOut, new QuotingAnswerGenerator()));
    }

    @Test
    void theFallbacksAnswerSaysItIsDegraded() {
        Answer answer = generator.generate(AnswerRequest.of(QUESTION, EVIDENCE), AnswerListener.none());

        assertThat(answer.text()).isEqualTo(ANSWER_SENTENCE);
        assertThat(answer.generation().degradedReason()).contains("timeout");
    }
}
