package dev.verity.llm.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.llm.provider.ProviderKind;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureOpenAiEmbeddingsIT extends RemoteEmbeddingModelContract {

    @Override
    FakeLlmServer startFake() {
        return FakeLlmServer.azureOpenAi();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.AZURE_OPENAI;
    }

    @Override
    List<String> sentTexts(RecordedRequest request) {
        return OpenAiEmbeddingsIT.inputs(body(request));
    }

    @Test
    void callsTheDeploymentPathWithTheApiVersionAndTheKeyInTheApiKeyHeader() {
        try (RemoteEmbeddingModel azure =
                create(settings(p -> p.azureDeployment("embeddings-prod").azureApiVersion("2024-10-21"))
                        .build())) {
            azure.embedPassages(PASSAGES);
        }

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/openai/deployments/embeddings-prod/embeddings");
        assertThat(sent.queryParameter("api-version")).contains("2024-10-21");
        assertThat(sent.header("api-key")).contains(FakeLlmServer.API_KEY);
        assertThat(sent.header("Authorization")).isEmpty();
    }
}
