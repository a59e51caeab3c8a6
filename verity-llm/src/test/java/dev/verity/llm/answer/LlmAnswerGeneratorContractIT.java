package dev.verity.llm.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.embedding.TokenCounter;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.AnswerRequest;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.provider.SpringAiLlmProvider;
import dev.verity.testkit.contracts.AnswerGeneratorContract;
import dev.verity.testkit.llm.FakeLlmServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The LLM answerer under the answer-generator contract, through the real OpenAI client against the fake server
 * speaking OpenAI's protocol. The fake replies with the JSON a model would give: the answer, citing source S1 (the
 * first chunk of the evidence) with a quote of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmAnswerGeneratorContractIT extends AnswerGeneratorContract {
    private static final String REPLY = """
            {"answer": "Staff get 25 days of annual leave each year.",
             "citations": [{"source": "S1", "quote": "%s"}],
             "abstain": false, "abstain_reason": ""}""".formatted(ANSWER_SENTENCE);

    private FakeLlmServer fake;
    private SpringAiLlmProvider provider;

    @BeforeAll
    void startFake() {
        fake = FakeLlmServer.openAi();
        provider = SpringAiLlmProvider.create(ProviderSettings.builder(ProviderKind.OPENAI)
                .baseUrl(fake.baseUrl())
                .apiKey(fake.apiKey())
                .model("model-x")
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10))
                .build());
    }

    @AfterAll
    void stopFake() {
        provider.close();
        fake.close();
    }

    @Override
    protected AnswerGenerator openGenerator() {
        fake.reset();
        fake.replyWith(REPLY);
        return new LlmAnswerGenerator(
                provider,
                new ClasspathPromptRegistry().latest("answer").orElseThrow(),
                TokenCounter.whitespace(),
                LlmAnswerSettings.forModel("model-x"));
    }

    @Test
    void withoutEvidenceAbstainsWithoutCallingTheModel() {
        Answer answer = generator.generate(AnswerRequest.of(QUESTION, List.of()), AnswerListener.none());

        assertThat(answer.abstained()).isTrue();
        assertThat(fake.callCount()).isZero();
    }
}
