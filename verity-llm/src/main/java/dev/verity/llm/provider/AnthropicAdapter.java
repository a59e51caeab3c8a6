package dev.verity.llm.provider;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.AnthropicClientAsyncImpl;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.Timeout;
import dev.verity.generation.provider.ChatRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.anthropic.AnthropicCacheOptions;
import org.springframework.ai.anthropic.AnthropicCacheStrategy;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.http.okhttp.SpringAiAnthropicHttpClient;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Anthropic, through Spring AI's {@link AnthropicChatModel} on the official anthropic-java SDK. The SDK clients are
 * built here, as Spring AI's {@code AnthropicSetup} does, but with separate connect and read timeouts, zero retries,
 * the {@link InFlightCalls} and {@link OneShotBodies} interceptors, and {@code TCP_NODELAY} on {@code https}
 * connections ({@link NoDelaySockets}).
 *
 * <p>No structured output is requested: the JSON schema is left to the prompt's instructions and the reply returned
 * as text. (Recent Claude models accept {@code output_config.format}, which Spring AI 2.0 exposes as
 * {@code outputSchema}, but older ones refuse it with HTTP 400.)
 */
final class AnthropicAdapter extends ModelAdapter {
    /** Anthropic's temperature range is [0, 1]; a request for more is capped rather than refused. */
    private static final double MAX_TEMPERATURE = 1.0;

    private final AnthropicClient client;
    private final AnthropicClientAsync asyncClient;

    AnthropicAdapter(ProviderSettings settings) {
        Timeout timeout = Timeout.builder()
                .connect(settings.connectTimeout())
                .read(settings.readTimeout())
                .write(settings.readTimeout())
                .build();
        AnthropicBackend backend = AnthropicBackend.builder()
                .baseUrl(withoutTrailingSlash(settings.baseUrl().toString()))
                .apiKey(settings.apiKey().orElseThrow())
                .build();
        ClientOptions.Builder options =
                ClientOptions.builder().timeout(timeout).maxRetries(0).putHeader("User-Agent", USER_AGENT);
        SpringAiAnthropicHttpClient.Builder httpBuilder = SpringAiAnthropicHttpClient.builder()
                .backend(backend)
                .timeout(timeout)
                .interceptor(inFlight)
                .interceptor(new OneShotBodies());
        if (settings.baseUrl().getScheme().equalsIgnoreCase("https")) {
            // its builder takes no socket factory: Nagle goes off beneath the TLS layer instead (NoDelaySockets)
            httpBuilder.sslSocketFactory(NoDelaySockets.tls()).trustManager(NoDelaySockets.systemTrust());
        }
        SpringAiAnthropicHttpClient http = httpBuilder.build();
        backend.applyCredentials(http, options);
        ClientOptions clientOptions = options.httpClient(http).build();
        this.client = new AnthropicClientImpl(clientOptions);
        this.asyncClient = new AnthropicClientAsyncImpl(clientOptions);
        use(AnthropicChatModel.builder()
                .anthropicClient(client)
                .anthropicClientAsync(asyncClient)
                .options(AnthropicChatOptions.builder().model(settings.model()).build())
                .build());
    }

    @Override
    ChatOptions options(ChatRequest request, Optional<String> callTag) {
        AnthropicChatOptions.Builder b = AnthropicChatOptions.builder()
                .model(request.model())
                .maxTokens(request.maxOutputTokens())
                .temperature(Math.min(request.temperature(), MAX_TEMPERATURE))
                // The system prompt is the same for every question: mark it as a cache breakpoint (cache_control), so
                // Anthropic bills its tokens at the cache rate once it is long enough to be cached.
                .cacheOptions(AnthropicCacheOptions.builder()
                        .strategy(AnthropicCacheStrategy.SYSTEM_ONLY)
                        .build());
        callTag.ifPresent(tag -> b.httpHeaders(Map.of(InFlightCalls.HEADER, tag)));
        return b.build();
    }

    /** {@code GET /v1/models}: free. */
    @Override
    void warmUp() {
        client.models().list();
    }

    @Override
    public void close() {
        client.close();
        asyncClient.close();
    }
}
