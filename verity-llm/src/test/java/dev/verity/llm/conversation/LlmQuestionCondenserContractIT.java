package dev.verity.llm.conversation;

import dev.verity.conversation.QuestionCondenser;
import dev.verity.conversation.RuleBasedCondenser;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.provider.SpringAiLlmProvider;
import dev.verity.testkit.contracts.QuestionCondenserContract;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import org.junit.jupiter.api.AfterEach;

/**
 * The model-backed condenser keeps the condenser contract against a fake that speaks the OpenAI protocol over real
 * HTTP; when the fake fails, the rules answer.
 */
class LlmQuestionCondenserContractIT extends QuestionCondenserContract {
    private FakeLlmServer fake;
    private SpringAiLlmProvider provider;

    @Override
    protected QuestionCondenser openCondenser() {
        fake = FakeLlmServer.openAi();
        provider = SpringAiLlmProvider.create(ProviderSettings.builder("openai")
                .baseUrl(fake.baseUrl())
                .apiKey(fake.apiKey())
                .model("gpt-test")
                .build());
        return new LlmQuestionCondenser(
                provider,
                new ClasspathPromptRegistry().latest("condense").orElseThrow(),
                "gpt-test",
                new RuleBasedCondenser());
    }

    @Override
    protected void modelWillRewriteTo(String standalone) {
        fake.replyWith(standalone);
    }

    @Override
    protected void modelWillFail() {
        fake.respondWith(FakeResponse.status(500));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }
}
