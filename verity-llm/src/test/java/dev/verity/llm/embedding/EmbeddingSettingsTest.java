package dev.verity.llm.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.llm.provider.ProviderSettings;
import org.junit.jupiter.api.Test;

class EmbeddingSettingsTest {

    private static ProviderSettings.Builder ollama(String model) {
        return ProviderSettings.builder("ollama").model(model);
    }

    @Test
    void anUnknownModelWithoutADimensionIsRefusedWithWhatToSet() {
        assertThatThrownBy(() ->
                        EmbeddingSettings.builder(ollama("my-embedder").build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension must be set for embedding model my-embedder: the size of the vectors it returns"
                        + " (e.g. 768); every vector is checked against it");
    }

    @Test
    void aWellKnownModelTakesItsNativeDimensionWhateverItsTag() {
        EmbeddingSettings settings = EmbeddingSettings.builder(
                        ollama("nomic-embed-text:latest").build())
                .build();

        assertThat(settings.dimension()).isEqualTo(768);
        assertThat(settings.requestDimension()).isFalse();
        assertThat(settings.maxBatchSize()).isEqualTo(EmbeddingSettings.DEFAULT_MAX_BATCH_SIZE);
        assertThat(settings.modelId()).isEqualTo("ollama:nomic-embed-text:latest:768");
    }

    @Test
    void providersWithoutAnEmbeddingsApiAreRefused() {
        ProviderSettings anthropic = ProviderSettings.builder("anthropic")
                .apiKey("k")
                .model("claude")
                .build();
        ProviderSettings gemini = ProviderSettings.builder("gemini")
                .apiKey("k")
                .model("text-embedding-004")
                .build();

        assertThatThrownBy(
                        () -> EmbeddingSettings.builder(anthropic).dimension(8).build())
                .hasMessageContaining("provider anthropic has no embeddings API that Verity speaks");
        assertThatThrownBy(() -> EmbeddingSettings.builder(gemini).dimension(8).build())
                .hasMessageContaining("Gemini embeddings are not supported");
    }

    @Test
    void theBatchSizeMustBeWithinTheProvidersLimits() {
        assertThatThrownBy(() -> EmbeddingSettings.builder(ollama("m").build())
                        .dimension(8)
                        .maxBatchSize(0)
                        .build())
                .hasMessage("maxBatchSize must be in [1, 2048], got 0");
    }

    @Test
    void theTextNeverShowsTheKey() {
        EmbeddingSettings settings = EmbeddingSettings.builder(ProviderSettings.builder("openai")
                        .apiKey("sk-secret-123")
                        .model("text-embedding-3-small")
                        .build())
                .build();

        assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("apiKey=(set)");
    }
}
