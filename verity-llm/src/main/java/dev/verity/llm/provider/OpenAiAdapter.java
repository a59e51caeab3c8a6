package dev.verity.llm.provider;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import dev.verity.generation.provider.ChatRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * OpenAI, OpenAI-compatible servers and Azure OpenAI, through Spring AI's {@link OpenAiChatModel} on the official
 * openai-java SDK.
 *
 * <p>The SDK clients are built here rather than by Spring AI from {@link OpenAiChatOptions}, for four reasons: the
 * options carry one timeout, which the SDK applies to connect, every read and the whole call (so a long stream would be
 * cut at the read timeout); Azure's deployment paths are chosen by the SDK from the host name
 * ({@code *.openai.azure.com}, …) unless the path mode is set, which breaks custom domains and private endpoints;
 * streams need the {@link InFlightCalls} interceptor to be cancellable, and request bodies {@link OneShotBodies} so
 * that OkHttp does not resend them; and the SDK's retries are set to zero in plain sight.
 */
final class OpenAiAdapter extends ModelAdapter {
    /** The SDK insists on a key; for keyless OpenAI-compatible servers this one is sent nowhere (see below). */
    private static final String NO_KEY = "no-key";

    private final ProviderSettings settings;
    private final boolean azure;
    private final boolean maxCompletionTokens;
    private final OpenAIClient client;
    private final OpenAIClientAsync asyncClient;
    private final OpenAiChatModel model;

    OpenAiAdapter(ProviderSettings settings) {
        this.settings = settings;
        this.azure = settings.kind() == ProviderKind.AZURE_OPENAI;
        // OpenAI's own API wants max_completion_tokens (its reasoning models refuse max_tokens); compatible servers
        // and Azure's older API versions know only max_tokens.
        this.maxCompletionTokens = !azure && "api.openai.com".equalsIgnoreCase(settings.baseUrl().getHost());
        Timeout timeout = Timeout.builder()
                .connect(settings.connectTimeout())
                .read(settings.readTimeout())
                .write(settings.readTimeout())
                .build();
        SpringAiOpenAiHttpClient.Builder http = SpringAiOpenAiHttpClient.builder()
                .timeout(timeout)
                .interceptor(inFlight)
                .interceptor(new OneShotBodies());
        if (settings.apiKey().isEmpty()) {
            http.interceptor(chain -> chain.proceed(chain.request().newBuilder().removeHeader("Authorization").build()));
        }
        ClientOptions.Builder options = ClientOptions.builder()
                .httpClient(http.build())
                .baseUrl(withoutTrailingSlash(settings.baseUrl().toString()))
                .timeout(timeout)
                .maxRetries(0)
                .putHeader("User-Agent", USER_AGENT);
        if (azure) {
            options.credential(AzureApiKeyCredential.create(settings.apiKey().orElseThrow()));
            // An endpoint ending in /openai/v1 is Azure's v1 API (OpenAI's paths, model in the body); any other is
            // the classic one: /openai/deployments/{deployment}/chat/completions?api-version=...
            boolean v1 = withoutTrailingSlash(settings.baseUrl().getPath()).endsWith("/openai/v1");
            options.azureUrlPathMode(v1 ? AzureUrlPathMode.UNIFIED : AzureUrlPathMode.LEGACY);
            settings.azureApiVersion().map(AzureOpenAIServiceVersion::fromString)
                    .or(() -> v1 ? Optional.empty() : Optional.of(AzureOpenAIServiceVersion.latestStableVersion()))
                    .ifPresent(options::azureServiceVersion);
        } else {
            options.apiKey(settings.apiKey().orElse(NO_KEY));
        }
        ClientOptions clientOptions = options.build();
        this.client = new OpenAIClientImpl(clientOptions);
        this.asyncClient = new OpenAIClientAsyncImpl(clientOptions);
        this.model = OpenAiChatModel.builder()
                .openAiClient(client)
                .openAiClientAsync(asyncClient)
                .options(OpenAiChatOptions.builder().model(settings.model()).build())
                .build();
    }

    @Override
    ChatModel model() {
        return model;
    }

    @Override
    ChatOptions options(ChatRequest request, Optional<String> callTag) {
        OpenAiChatOptions.Builder b = OpenAiChatOptions.builder()
                .model(request.model())
                .temperature(request.temperature());
        if (azure) {
            // Spring AI sends the deployment as the body's model; the SDK puts it in the path.
            b.deploymentName(settings.deployment());
        }
        if (maxCompletionTokens) {
            b.maxCompletionTokens(request.maxOutputTokens());
        } else {
            b.maxTokens(request.maxOutputTokens());
        }
        // response_format: {type: json_schema, json_schema: {name: "json_schema", strict: true, schema: ...}}
        request.responseSchema().ifPresent(b::outputSchema);
        callTag.ifPresent(tag -> b.customHeaders(Map.of(InFlightCalls.HEADER, tag)));
        return b.build();
    }

    @Override
    public void close() {
        client.close();
        asyncClient.close();
    }
}
