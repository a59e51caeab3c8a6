package dev.verity.llm.provider;

import dev.verity.generation.provider.ChatRequest;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * One Spring AI chat model, built programmatically for one kind of provider with every library retry turned off, and
 * the per-request options it needs. Spring AI 2.0 models do not merge a prompt's options with their defaults, so
 * {@link #options} returns complete options for each call.
 */
abstract sealed class ModelAdapter implements AutoCloseable
        permits OpenAiAdapter, AnthropicAdapter, GeminiAdapter, OllamaAdapter {

    static final String USER_AGENT = "verity";

    /** The Reactor context key under which a stream carries its call tag down to the HTTP client. */
    static final String CALL_TAG = "verity.llm.call-tag";

    /** Spring AI's retry template for the models that have one (Gemini, Ollama), set to a single attempt. */
    static final RetryTemplate SINGLE_ATTEMPT =
            new RetryTemplate(RetryPolicy.builder().maxRetries(0).build());

    static ModelAdapter forSettings(ProviderSettings settings) {
        return switch (settings.kind()) {
            case OPENAI, AZURE_OPENAI -> new OpenAiAdapter(settings);
            case ANTHROPIC -> new AnthropicAdapter(settings);
            case GEMINI -> new GeminiAdapter(settings);
            case OLLAMA -> new OllamaAdapter(settings);
        };
    }

    private ChatModel model;

    /** The chat model every call goes through; set once by the adapter's constructor ({@link #use}). */
    final ChatModel model() {
        return model;
    }

    /** Registers the adapter's chat model, once, from its constructor. */
    final void use(ChatModel chatModel) {
        if (model != null) {
            throw new IllegalStateException("the chat model is set already");
        }
        this.model = chatModel;
    }

    /**
     * Whether subscribing to this model's stream returns at once, the HTTP call running on the client's own threads;
     * then {@link SpringAiLlmProvider} subscribes on the calling thread instead of starting a thread for it. False
     * unless the adapter knows: some models (Gemini's) read the whole stream on the subscribing thread.
     */
    boolean subscribesAsynchronously() {
        return false;
    }

    /**
     * The options for one call: model, output limit, temperature, the native structured-output format where the
     * provider has one, and, when {@code callTag} is present and the adapter supports it, the tag that lets
     * {@link #cancel(String)} reach the HTTP call.
     */
    abstract ChatOptions options(ChatRequest request, Optional<String> callTag);

    /** The tagged calls of adapters on OkHttp; their clients must carry it as an interceptor. */
    final InFlightCalls inFlight = new InFlightCalls();

    /** Aborts the HTTP call tagged so, if it is still in flight. */
    void cancel(String callTag) {
        inFlight.cancel(callTag);
    }

    /** Forgets a finished call's tag. */
    void forget(String callTag) {
        inFlight.forget(callTag);
    }

    /**
     * One request that costs nothing through this adapter's own HTTP client (listing models): opens and pools the
     * connection (TLS included) and loads the client's classes before the first chat. Failures are thrown as the
     * client throws them.
     */
    abstract void warmUp();

    @Override
    public abstract void close();

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
