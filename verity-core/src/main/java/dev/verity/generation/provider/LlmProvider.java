package dev.verity.generation.provider;

import java.util.function.Consumer;

/**
 * A language model behind an HTTP API, chosen by configuration: OpenAI and OpenAI-compatible servers, Azure OpenAI,
 * Anthropic, Google Gemini, Ollama. Implementations: the Spring AI adapters in {@code verity-llm}, wrapped by
 * {@code ResilientLlmProvider} for timeouts, retries, circuit breaking and bulkheads.
 *
 * <p>Contract: a call either returns the model's reply or throws a {@link ProviderException} saying whether a retry
 * may help ({@link ProviderException#retriable()}) and, for rate limits, when ({@link
 * ProviderException#retryAfter()}). Implementations do not retry themselves: resilience lives in one place. They
 * are thread-safe, and they never log request bodies or secrets.
 */
public interface LlmProvider {

    /** A short stable name, e.g. {@code openai}, used in metrics, circuit breakers and answers. */
    String name();

    /** Sends the request and waits for the whole reply. */
    ChatResponse chat(ChatRequest request);

    /**
     * Sends the request and passes each piece of text to {@code onDelta} as it arrives, in order, on the calling
     * thread or another; returns the whole reply at the end. Interrupting the calling thread cancels the call.
     */
    ChatResponse stream(ChatRequest request, Consumer<String> onDelta);
}
