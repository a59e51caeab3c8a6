package dev.verity.llm.answer;

import dev.verity.internal.Checks;

/**
 * @param model the provider's model name
 * @param maxSources most retrieved chunks put into the context
 * @param contextTokenBudget most tokens of source text in the context, as the embedding model's tokenizer counted them
 *     at ingestion (a close enough proxy for budgeting; providers' own counts are reported in usage)
 * @param maxOutputTokens most tokens the model may write
 * @param temperature sampling temperature; 0 keeps answers reproducible
 */
public record LlmAnswerSettings(
        String model, int maxSources, int contextTokenBudget, int maxOutputTokens, double temperature) {

    public LlmAnswerSettings {
        Checks.nonBlank(model, "model");
        Checks.positive(maxSources, "maxSources");
        Checks.positive(contextTokenBudget, "contextTokenBudget");
        Checks.positive(maxOutputTokens, "maxOutputTokens");
    }

    /** Eight sources within 3,000 tokens: enough evidence for one question, cheap on any model. */
    public static LlmAnswerSettings forModel(String model) {
        return new LlmAnswerSettings(model, 8, 3_000, 800, 0.0);
    }
}
