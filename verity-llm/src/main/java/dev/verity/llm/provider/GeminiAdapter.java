package dev.verity.llm.provider;

import com.google.genai.Client;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import dev.verity.generation.provider.ChatRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;

/**
 * The Gemini API (API key, not Vertex AI), through Spring AI's {@link GoogleGenAiChatModel} on the google-genai SDK.
 *
 * <p>Retries are off at three levels: Spring AI's retry template (one attempt), the SDK's own retry interceptor (it
 * retries 408/429/5xx five times by default; here one attempt and no retriable statuses, so it does not even sleep
 * after a failure), and OkHttp's silent retry on connection failure. The SDK gets our OkHttp client, which sets the
 * timeouts and keeps the headers of error answers ({@link ErrorResponseCapture}).
 *
 * <p>Spring AI streams Gemini by iterating a blocking SDK stream on the subscribing thread, so disposal cannot stop
 * it, and an interrupt that lands between two reads leaves the SDK's connection open. {@link SpringAiLlmProvider}
 * subscribes on a thread named after the call's tag, so {@link InFlightCalls} finds the OkHttp call by its thread and
 * {@link #cancel(String)} closes the socket.
 */
final class GeminiAdapter extends ModelAdapter {
    /** The longest a whole call may take: a backstop only; the read timeout catches stalls much earlier. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);

    private final OkHttpClient http;
    private final Client client;

    GeminiAdapter(ProviderSettings settings) {
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(CALL_TIMEOUT)
                .retryOnConnectionFailure(false)
                .addInterceptor(inFlight)
                .addInterceptor(new OneShotBodies())
                .addInterceptor(new ErrorResponseCapture())
                .build();
        HttpOptions httpOptions = HttpOptions.builder()
                .baseUrl(withoutTrailingSlash(settings.baseUrl().toString()))
                .retryOptions(HttpRetryOptions.builder()
                        .attempts(1)
                        .httpStatusCodes(List.of())
                        .build())
                .build();
        this.client = Client.builder()
                .apiKey(settings.apiKey().orElseThrow())
                .vertexAI(false)
                .httpOptions(httpOptions)
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
        use(GoogleGenAiChatModel.builder()
                .genAiClient(client)
                .options(
                        GoogleGenAiChatOptions.builder().model(settings.model()).build())
                .retryTemplate(SINGLE_ATTEMPT)
                .build());
    }

    @Override
    ChatOptions options(ChatRequest request, Optional<String> callTag) {
        GoogleGenAiChatOptions.Builder b = GoogleGenAiChatOptions.builder()
                .model(request.model())
                .maxOutputTokens(request.maxOutputTokens())
                .temperature(request.temperature());
        // Spring AI sends this as generationConfig.responseJsonSchema (full JSON Schema) with responseMimeType.
        request.responseSchema()
                .ifPresent(schema -> b.responseMimeType("application/json").responseSchema(schema));
        return b.build();
    }

    /** {@code GET models}, one per page: free. */
    @Override
    void warmUp() {
        client.models.list(
                com.google.genai.types.ListModelsConfig.builder().pageSize(1).build());
    }

    @Override
    public void close() {
        client.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
