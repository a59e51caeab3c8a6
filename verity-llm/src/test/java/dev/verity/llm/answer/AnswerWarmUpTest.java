package dev.verity.llm.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.embedding.TokenCounter;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AnswerWarmUpTest {
    private static final Prompt PROMPT =
            new ClasspathPromptRegistry().latest("answer").orElseThrow();

    /** A real provider that must never be called by a warm-up. */
    private static final LlmProvider UNREACHABLE = new LlmProvider() {
        @Override
        public String name() {
            return "unreachable";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new AssertionError("the warm-up called the real model");
        }

        @Override
        public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
            throw new AssertionError("the warm-up called the real model");
        }
    };

    @Test
    void warmingUpAnswersACannedQuestionWithCitationsThroughTheWrapperWithoutTheRealModel() {
        List<String> wrapped = new ArrayList<>();
        LlmAnswerGenerator generator = new LlmAnswerGenerator(
                        UNREACHABLE, PROMPT, TokenCounter.whitespace(), LlmAnswerSettings.forModel("model-x"))
                .withCanary("verity-canary-0123456789abcdef");

        Answer answer = generator.warmUp(standIn -> {
            wrapped.add(standIn.name());
            return standIn;
        });

        assertThat(wrapped).containsExactly("warm-up");
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.citations()).hasSize(1);
        assertThat(answer.text()).startsWith("The warm-up takes about one second.");
        assertThat(answer.generation().costUsd()).isZero();
    }
}
