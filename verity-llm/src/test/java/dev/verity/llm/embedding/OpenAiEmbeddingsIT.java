package dev.verity.llm.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiEmbeddingsIT extends RemoteEmbeddingModelContract {

    @Override
    FakeLlmServer startFake() {
        return FakeLlmServer.openAi();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.OPENAI;
    }

    @Override
    List<String> sentTexts(RecordedRequest request) {
        return OpenAiEmbeddingsIT.inputs(body(request));
    }

    static List<String> inputs(JsonNode body) {
        JsonNode input = body.path("input");
        return input.isArray() ? input.valueStream().map(JsonNode::asString).toList() : List.of(input.asString());
    }

    @Test
    void postsTheModelAndAsksForFloatsWithTheKeyAsABearerToken() {
        model.embedQuery("leave");

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/embeddings");
        assertThat(sent.header("Authorization")).contains("Bearer " + FakeLlmServer.API_KEY);
        JsonNode body = body(sent);
        assertThat(body.path("model").asString()).isEqualTo(MODEL);
        assertThat(body.path("encoding_format").asString()).isEqualTo("float");
        assertThat(body.has("dimensions"))
                .as("a model not known to shorten its vectors is not asked to")
                .isFalse();
    }

    @Test
    void aShortenableModelIsAskedForTheConfiguredDimension() {
        ProviderSettings provider =
                provider(fake.baseUrl()).model("text-embedding-3-small").build();
        try (RemoteEmbeddingModel shortened =
                create(EmbeddingSettings.builder(provider).dimension(512).build())) {
            float[] vector = shortened.embedQuery("leave");

            assertThat(vector).hasSize(512);
            assertThat(body(fake.lastRequest()).path("dimensions").asInt()).isEqualTo(512);
            assertThat(shortened.id()).isEqualTo("openai:text-embedding-3-small:512");
        }
    }

    @Test
    void aWellKnownModelNeedsNoConfiguredDimension() {
        ProviderSettings provider =
                provider(fake.baseUrl()).model("text-embedding-3-large").build();

        EmbeddingSettings settings = EmbeddingSettings.builder(provider).build();

        assertThat(settings.dimension()).isEqualTo(3072);
        assertThat(settings.requestDimension()).isFalse();
    }

    @Test
    void aWrongKeyIsRefusedByTheProviderAsAuthenticationWithoutRetry() {
        try (RemoteEmbeddingModel wrongKey =
                create(settings(p -> p.apiKey("sk-wrong")).build())) {
            ProviderException e = failureOf(() -> wrongKey.embedQuery("leave"));

            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("Incorrect API key").doesNotContain("sk-wrong");
            assertThat(fake.embeddingCallCount()).isEqualTo(1);
        }
    }

    @Test
    void aKeylessCompatibleServerGetsNoAuthorizationHeader() {
        try (RemoteEmbeddingModel keyless = create(settings(p -> p.apiKey(null)).build())) {
            ProviderException e = failureOf(() -> keyless.embedQuery("leave"));

            // the fake wants a key, so it refuses; what matters is that no made-up key was sent
            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(fake.lastRequest().header("Authorization")).isEmpty();
        }
    }
}
