package dev.verity.llm.judge;

import dev.verity.evaluation.AnswerJudge;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.generation.provider.PriceTable;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.provider.SpringAiLlmProvider;
import dev.verity.llm.resilience.ResilienceSettings;
import dev.verity.llm.resilience.ResilientLlmProvider;
import dev.verity.testkit.contracts.AnswerJudgeContract;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import org.junit.jupiter.api.AfterEach;

/**
 * The model-backed judge keeps the judge contract against a fake that speaks the OpenAI protocol over real HTTP, behind
 * the resilience wrapper (retries without pauses).
 *
 * <p>The fake gives one reply to every call, so each opinion is one JSON object valid for all three rubrics at once:
 * {@code claims} for faithfulness, {@code score} for relevance, {@code verdict} for correctness; each rubric reads only
 * its own fields.
 */
class LlmJudgeContractIT extends AnswerJudgeContract {
    private static final String APPROVE = """
            {"claims": [{"claim": "Refunds are granted within 21 days.",
              "evidence": "C1: Refunds are granted within 21 days", "supported": true}],
             "reason": "Answers exactly and agrees with the reference.", "score": 5, "verdict": "equivalent"}""";
    private static final String REJECT = """
            {"claims": [{"claim": "Refunds are granted within 21 days.", "evidence": "", "supported": false}],
             "reason": "Beside the question and against the reference.", "score": 1, "verdict": "contradicts"}""";

    private FakeLlmServer fake;
    private SpringAiLlmProvider http;

    @Override
    protected AnswerJudge openJudge() {
        fake = FakeLlmServer.openAi();
        http = SpringAiLlmProvider.create(ProviderSettings.builder("openai")
                .baseUrl(fake.baseUrl())
                .apiKey(fake.apiKey())
                .model("gpt-judge")
                .build());
        return new LlmJudge(
                new ResilientLlmProvider(http, ResilienceSettings.defaults(), pause -> {}),
                "gpt-judge",
                JudgePrompts.latest(new ClasspathPromptRegistry()),
                PriceTable.EMPTY);
    }

    @Override
    protected void graderWillApprove() {
        fake.respondWith(FakeResponse.reply(APPROVE));
    }

    @Override
    protected void graderWillReject() {
        fake.respondWith(FakeResponse.reply(REJECT));
    }

    @Override
    protected void graderWillFail() {
        fake.respondWith(FakeResponse.status(500));
    }

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }
}
