package dev.verity.llm.embedding;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import dev.verity.llm.provider.ProviderClients;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import java.net.http.HttpClient;
import java.util.List;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * One Spring AI embedding model, built programmatically for the settings' protocol on the same clients as the chat
 * adapters ({@link ProviderClients}: timeouts, credentials, Azure paths, no retries, no silent resend), and what it
 * holds open.
 *
 * <ul>
 *   <li>OpenAI and compatible servers: {@code POST {base}/embeddings}; Azure OpenAI:
 *       {@code POST /openai/deployments/{deployment}/embeddings?api-version=...}. Vectors are asked for as
 *       {@code encoding_format: float}: the SDK's default, base64, is not understood by every compatible server.
 *   <li>Ollama: {@code POST /api/embed} with all texts in {@code input}; the model is never pulled.
 * </ul>
 *
 * Neither Spring AI model retries on its own (the OpenAI one calls the SDK once, with its retries at zero; the Ollama
 * one has no retry template).
 */
final class SpringAiEmbeddings implements AutoCloseable {
    private final EmbeddingModel model;
    private final Runnable close;

    private SpringAiEmbeddings(EmbeddingModel model, Runnable close) {
        this.model = model;
        this.close = close;
    }

    static SpringAiEmbeddings forSettings(EmbeddingSettings settings) {
        ProviderSettings provider = settings.provider();
        return switch (provider.kind()) {
            case OPENAI, AZURE_OPENAI -> {
                OpenAIClient client = new OpenAIClientImpl(ProviderClients.openAi(provider));
                OpenAiEmbeddingOptions.Builder options = OpenAiEmbeddingOptions.builder()
                        .model(provider.model())
                        .encodingFormat(OpenAiEmbeddingOptions.EncodingFormat.FLOAT);
                if (provider.kind() == ProviderKind.AZURE_OPENAI) {
                    // sent as the body's model; the SDK moves it into the deployment path
                    options.deploymentName(provider.deployment());
                }
                if (settings.requestDimension()) {
                    options.dimensions(settings.dimension());
                }
                yield new SpringAiEmbeddings(
                        OpenAiEmbeddingModel.builder()
                                .openAiClient(client)
                                .options(options.build())
                                .build(),
                        client::close);
            }
            case OLLAMA -> {
                HttpClient http = ProviderClients.jdkClient(provider);
                OllamaApi api = ProviderClients.ollama(provider, http, new JdkClientHttpConnector(http));
                yield new SpringAiEmbeddings(
                        OllamaEmbeddingModel.builder()
                                .ollamaApi(api)
                                .options(OllamaEmbeddingOptions.builder()
                                        .model(provider.model())
                                        .build())
                                .build(),
                        http::shutdownNow);
            }
            case ANTHROPIC, GEMINI ->
                throw new IllegalArgumentException("no embedding model for provider " + provider.kind());
        };
    }

    /** One request for all {@code texts}; the results as the provider sent them, with their indexes. */
    List<Embedding> call(List<String> texts) {
        return model.call(new EmbeddingRequest(texts, null)).getResults();
    }

    @Override
    public void close() {
        close.run();
    }
}
