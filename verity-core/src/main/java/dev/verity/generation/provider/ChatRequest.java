package dev.verity.generation.provider;

import dev.verity.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is sent to a model.
 *
 * @param model the provider's model name, e.g. {@code gpt-4o-mini}
 * @param messages the conversation, system message first
 * @param responseSchema a JSON Schema the reply must match, sent as the provider's structured-output format where it
 *     has one; empty for free text
 * @param maxOutputTokens the most tokens the model may write
 * @param temperature sampling temperature; 0 for the most deterministic output
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Optional<String> responseSchema,
        int maxOutputTokens,
        double temperature) {

    public ChatRequest {
        Checks.nonBlank(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        Objects.requireNonNull(responseSchema, "responseSchema");
        Checks.positive(maxOutputTokens, "maxOutputTokens");
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        }
    }
}
