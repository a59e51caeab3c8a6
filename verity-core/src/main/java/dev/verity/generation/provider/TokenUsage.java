package dev.verity.generation.provider;

import dev.verity.internal.Checks;

/**
 * Tokens consumed by one call.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens generated tokens
 * @param reported true when the provider reported the counts, false when Verity counted them itself
 */
public record TokenUsage(int inputTokens, int outputTokens, boolean reported) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, true);

    public TokenUsage {
        Checks.nonNegative(inputTokens, "inputTokens");
        Checks.nonNegative(outputTokens, "outputTokens");
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                inputTokens + other.inputTokens, outputTokens + other.outputTokens, reported && other.reported);
    }
}
