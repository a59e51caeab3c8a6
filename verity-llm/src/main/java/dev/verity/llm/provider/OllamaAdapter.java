package dev.verity.llm.provider;

import dev.verity.generation.provider.ChatRequest;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.web.client.DefaultResponseErrorHandler;

/**
 * Ollama, through Spring AI's {@link OllamaChatModel} and {@link OllamaApi} (Spring's {@code RestClient} for calls,
 * {@code WebClient} for NDJSON streams), both on the JDK's HTTP client.
 *
 * <p>Spring AI's default error handler turns an error answer into a {@code NonTransientAiException} or
 * {@code TransientAiException} whose only trace of the status is its message; Spring's
 * {@link DefaultResponseErrorHandler} keeps status and headers. The JDK client's read timeout covers the wait for
 * the response headers; gaps inside a stream are watched by {@link SpringAiLlmProvider}. Streams get a client each
 * ({@link PerCallJdkConnector}) so that a cancelled one really closes its connection; a blocking call is cancelled by
 * interrupting its thread, which the JDK client honours.
 */
final class OllamaAdapter extends ModelAdapter {
    private final HttpClient http;
    private final OllamaApi api;
    private final PerCallJdkConnector streams;

    OllamaAdapter(ProviderSettings settings) {
        Supplier<HttpClient> clients = () -> ProviderClients.jdkClient(settings);
        this.http = clients.get();
        this.streams = new PerCallJdkConnector(clients, settings.readTimeout());
        this.api = ProviderClients.ollama(settings, http, streams);
        use(OllamaChatModel.builder()
                .ollamaApi(api)
                .options(OllamaChatOptions.builder().model(settings.model()).build())
                .retryTemplate(SINGLE_ATTEMPT)
                .build());
    }

    @Override
    ChatOptions options(ChatRequest request, Optional<String> callTag) {
        OllamaChatOptions.Builder b = OllamaChatOptions.builder()
                .model(request.model())
                .numPredict(request.maxOutputTokens())
                .temperature(request.temperature());
        // Sent as "format": <the schema object>, Ollama's structured outputs.
        request.responseSchema().ifPresent(b::outputSchema);
        return b.build();
    }

    @Override
    void cancel(String callTag) {
        streams.cancel(callTag);
    }

    /** {@code GET /api/tags}: the local models, free. */
    @Override
    void warmUp() {
        api.listModels();
    }

    @Override
    public void close() {
        // close() would wait for calls in flight, a stream included, to end by themselves.
        http.shutdownNow();
    }
}
