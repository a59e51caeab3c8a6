package dev.verity.generation.provider;

import java.util.Objects;

/**
 * What a model answered.
 *
 * @param text the reply, as received; unvalidated
 * @param model the model that answered, as the provider names it
 * @param usage tokens in and out, as the provider reported them (or counted when it did not)
 * @param finishReason why the model stopped, e.g. {@code stop} or {@code length}; empty when unknown
 */
public record ChatResponse(String text, String model, TokenUsage usage, String finishReason) {
    public ChatResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    /** True when the model stopped because it ran out of output tokens: the reply is cut off. */
    public boolean truncated() {
        return finishReason.equals("length") || finishReason.equals("max_tokens");
    }
}
