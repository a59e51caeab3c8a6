package dev.verity.llm.provider;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import dev.verity.generation.provider.ChatRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * OpenAI, OpenAI-compatible servers and Azure OpenAI, through Spring AI's {@link OpenAiChatModel} on the official
 * openai-java SDK.
 *
 * <p>The SDK clients are built by {@link ProviderClients#openAi} rather than by Spring AI from
 * {@link OpenAiChatOptions}, for four reasons: the options carry one timeout, which the SDK applies to connect, every
 * read and the whole call (so a long stream would be cut at the read timeout); Azure's deployment paths are chosen by
 * the SDK from the host name ({@code *.openai.azure.com}, …) unless the path mode is set, which breaks custom domains
 * and private endpoints; streams need the {@link InFlightCalls} interceptor to be cancellable, and request bodies
 * {@link OneShotBodies} so that OkHttp does not resend them; and the SDK's retries are set to zero in plain sight.
 */
final class OpenAiAdapter extends ModelAdapter {
    private final ProviderSettings settings;
    private final boolean azure;
    private final boolean maxCompletionTokens;
    private final OpenAIClient client;
    private final OpenAIClientAsync asyncClient;

    OpenAiAdapter(ProviderSettings settings) {
        this.settings = settings;
        this.azure = settings.kind() == ProviderKind.AZURE_OPENAI;
        // OpenAI's own API wants max_completion_tokens (its reasoning models refuse max_tokens); compatible servers
        // and Azure's older API versions know only max_tokens.
        this.maxCompletionTokens =
                !azure && "api.openai.com".equalsIgnoreCase(settings.baseUrl().getHost());
        ClientOptions clientOptions = ProviderClients.openAi(settings, inFlight);
        this.client = new OpenAIClientImpl(clientOptions);
        this.asyncClient = new OpenAIClientAsyncImpl(clientOptions);
        use(OpenAiChatModel.builder()
                .openAiClient(client)
                .openAiClientAsync(asyncClient)
                .options(OpenAiChatOptions.builder().model(settings.model()).build())
                .build());
    }

    /** Spring AI streams over the SDK's asynchronous client: subscribing only starts the call on OkHttp's threads. */
    @Override
    boolean subscribesAsynchronously() {
        return true;
    }

    @Override
    ChatOptions options(ChatRequest request, Optional<String> callTag) {
        OpenAiChatOptions.Builder b =
                OpenAiChatOptions.builder().model(request.model()).temperature(request.temperature());
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

    /** {@code GET /models}: free on OpenAI, Azure and the compatible servers that have it. */
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
