package dev.verity.generation.provider;

import dev.verity.internal.Checks;
import dev.verity.observability.Tracer;
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
 * @param tracer where the call's attempts are traced, one {@code llm_call} span per attempt
 *     ({@code ResilientLlmProvider} opens them); {@link Tracer#noop()} by default. It travels with the request so that
 *     the providers' seam stays one method per call; it is not part of what is sent, so equality ignores it.
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Optional<String> responseSchema,
        int maxOutputTokens,
        double temperature,
        Tracer tracer) {

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
        Objects.requireNonNull(tracer, "tracer");
    }

    /** A request whose attempts are not traced. */
    public ChatRequest(
            String model,
            List<ChatMessage> messages,
            Optional<String> responseSchema,
            int maxOutputTokens,
            double temperature) {
        this(model, messages, responseSchema, maxOutputTokens, temperature, Tracer.noop());
    }

    /** This request, its attempts traced on {@code newTracer}. */
    public ChatRequest withTracer(Tracer newTracer) {
        return new ChatRequest(model, messages, responseSchema, maxOutputTokens, temperature, newTracer);
    }

    /** Equal when the same thing is sent: the tracer is left out. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ChatRequest other
                && model.equals(other.model)
                && messages.equals(other.messages)
                && responseSchema.equals(other.responseSchema)
                && maxOutputTokens == other.maxOutputTokens
                && Double.compare(temperature, other.temperature) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, messages, responseSchema, maxOutputTokens, temperature);
    }

    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", messages=" + messages + ", responseSchema=" + responseSchema
                + ", maxOutputTokens=" + maxOutputTokens + ", temperature=" + temperature + "]";
    }
}
