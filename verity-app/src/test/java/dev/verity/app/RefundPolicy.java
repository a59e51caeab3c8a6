package dev.verity.app;

import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.llm.FakeLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A one-page refund policy and a model reply that answers from it, for the tests of LLM answers. */
final class RefundPolicy {
    static final String FACT = "Refunds are granted within 21 days of purchase.";
    /** A valid reply citing {@link #FACT} as source S1. */
    static final String ANSWER = """
            {"answer": "Refunds are granted within 21 days.",
             "citations": [{"source": "S1", "quote": "Refunds are granted within 21 days of purchase."}],
             "abstain": false, "abstain_reason": ""}""";

    private RefundPolicy() {}

    /**
     * The environment contract pointing Verity at a fake OpenAI server, model {@code gpt-test}, with this timeout;
     * mutable, so a test can add to it.
     */
    static Map<String, String> openAiEnv(FakeLlmServer server, Duration timeout) {
        Map<String, String> env = new HashMap<>();
        env.put("VERITY_LLM_PROVIDER", "openai");
        env.put("VERITY_LLM_BASE_URL", server.baseUrl());
        env.put("VERITY_LLM_API_KEY", server.apiKey());
        env.put("VERITY_LLM_MODEL", "gpt-test");
        env.put("VERITY_LLM_TIMEOUT_MS", Long.toString(timeout.toMillis()));
        return env;
    }

    /** Writes the policy as {@code policy.pdf} in {@code dir}. */
    static Path pdf(Path dir) {
        return SampleFiles.pdf(
                dir.resolve("policy.pdf"),
                "Refund policy",
                List.of(FACT + " Store credit never expires. Items must be returned in their original packaging."));
    }
}
