package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.llm.embedding.EmbeddingSettings;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.lucene.VectorSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingConfigTest {
    @TempDir
    Path dir;

    private static EmbeddingConfig from(Map<String, String> env) {
        return EmbeddingConfig.from(env, ConfigValues.file(env));
    }

    @Test
    void theEmbeddedOnnxModelIsTheDefault() {
        EmbeddingConfig config = from(Map.of());

        assertThat(config.remote()).isEmpty();
        assertThat(config.vectorSpace()).isEqualTo(new VectorSpace("bge-small-en-v1.5-q", 384));
        assertThat(from(Map.of("VERITY_EMBEDDING_PROVIDER", "onnx"))).isEqualTo(EmbeddingConfig.ONNX);
    }

    @Test
    void theEnvironmentConfiguresARemoteModel() {
        EmbeddingSettings s = from(Map.of(
                        "VERITY_EMBEDDING_PROVIDER", "ollama",
                        "VERITY_EMBEDDING_BASE_URL", "http://gpu-box:11434",
                        "VERITY_EMBEDDING_MODEL", "nomic-embed-text",
                        "VERITY_EMBEDDING_TIMEOUT_MS", "90000",
                        "VERITY_EMBEDDING_BATCH_SIZE", "32",
                        "VERITY_EMBEDDING_QUERY_PREFIX", "search_query: ",
                        "VERITY_EMBEDDING_PASSAGE_PREFIX", "search_document: "))
                .remote()
                .orElseThrow();

        assertThat(s.provider().kind()).isEqualTo(ProviderKind.OLLAMA);
        assertThat(s.provider().baseUrl()).hasToString("http://gpu-box:11434");
        assertThat(s.provider().readTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.dimension()).isEqualTo(768);
        assertThat(s.maxBatchSize()).isEqualTo(32);
        assertThat(s.queryPrefix()).isEqualTo("search_query: ");
        assertThat(s.passagePrefix()).isEqualTo("search_document: ");
    }

    @Test
    void theKeyMayComeFromAFileAndTheTimeoutDefaultsToAMinute() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "sk-from-file\n");

        EmbeddingSettings s = from(Map.of(
                        "VERITY_EMBEDDING_PROVIDER",
                        "openai",
                        "VERITY_EMBEDDING_API_KEY_FILE",
                        key.toString(),
                        "VERITY_EMBEDDING_MODEL",
                        "text-embedding-3-small",
                        "VERITY_EMBEDDING_DIMENSIONS",
                        "512"))
                .remote()
                .orElseThrow();

        assertThat(s.provider().apiKey()).contains("sk-from-file");
        assertThat(s.provider().readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.dimension()).isEqualTo(512);
        assertThat(s.requestDimension()).isTrue();
    }

    @Test
    void theFileSectionConfiguresAModelAndTheEnvironmentReplacesItAsAWhole() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                embedding:
                  provider: azure-openai
                  base_url: https://my-resource.openai.azure.com
                  api_key_env: AZURE_KEY
                  model: text-embedding-3-large
                  azure_deployment: embeddings-prod
                  batch_size: 100
                """);
        Map<String, String> env = new HashMap<>(Map.of("VERITY_CONFIG", yaml.toString(), "AZURE_KEY", "az-secret"));

        EmbeddingSettings fromFile = from(env).remote().orElseThrow();
        env.put("VERITY_EMBEDDING_PROVIDER", "ollama");
        env.put("VERITY_EMBEDDING_MODEL", "all-minilm");
        EmbeddingSettings fromEnv = from(env).remote().orElseThrow();

        assertThat(fromFile.provider().deployment()).isEqualTo("embeddings-prod");
        assertThat(fromFile.dimension()).isEqualTo(3072);
        assertThat(fromFile.maxBatchSize()).isEqualTo(100);
        assertThat(fromFile.modelId()).isEqualTo("azure-openai:text-embedding-3-large:3072");
        assertThat(fromEnv.modelId()).isEqualTo("ollama:all-minilm:384");
        assertThat(fromEnv.maxBatchSize()).isEqualTo(EmbeddingSettings.DEFAULT_MAX_BATCH_SIZE);
    }

    @Test
    void mistakesStopStartUpWithAMessageNamingTheSettingButNeverTheKey() {
        assertThatThrownBy(() -> from(Map.of("VERITY_EMBEDDING_MODEL", "nomic-embed-text")))
                .hasMessage("VERITY_EMBEDDING_MODEL is set, but VERITY_EMBEDDING_PROVIDER is not: set it to openai,"
                        + " azure-openai or ollama to use a remote embedding model (or unset VERITY_EMBEDDING_MODEL)");
        assertThatThrownBy(() -> from(Map.of(
                        "VERITY_EMBEDDING_PROVIDER", "openai", "VERITY_EMBEDDING_MODEL", "text-embedding-3-small")))
                .hasMessage("VERITY_EMBEDDING_*: provider openai needs an API key: set VERITY_EMBEDDING_API_KEY or"
                        + " VERITY_EMBEDDING_API_KEY_FILE");
        assertThatThrownBy(() -> from(Map.of("VERITY_EMBEDDING_PROVIDER", "ollama")))
                .hasMessage("VERITY_EMBEDDING_MODEL is missing: name the model to use (for example"
                        + " VERITY_EMBEDDING_MODEL=text-embedding-3-small)");
        assertThatThrownBy(() ->
                        from(Map.of("VERITY_EMBEDDING_PROVIDER", "ollama", "VERITY_EMBEDDING_MODEL", "my-embedder")))
                .hasMessageStartingWith("VERITY_EMBEDDING_*: dimension must be set for embedding model my-embedder");
        assertThatThrownBy(() -> from(Map.of("VERITY_EMBEDDING_PROVIDER", "mistery-ai")))
                .hasMessage("VERITY_EMBEDDING_PROVIDER must be one of onnx, openai, azure-openai, ollama, got"
                        + " \"mistery-ai\"");
        assertThatThrownBy(() -> from(
                        Map.of("VERITY_EMBEDDING_PROVIDER", "gemini", "VERITY_EMBEDDING_MODEL", "text-embedding-004")))
                .hasMessageStartingWith("VERITY_EMBEDDING_*: provider gemini has no embeddings API that Verity speaks")
                .hasMessageContaining("Gemini embeddings are not supported");
        assertThatThrownBy(() -> from(Map.of(
                        "VERITY_EMBEDDING_PROVIDER",
                        "openai",
                        "VERITY_EMBEDDING_API_KEY",
                        "sk-secret-123",
                        "VERITY_EMBEDDING_MODEL",
                        "text-embedding-3-small",
                        "VERITY_EMBEDDING_BATCH_SIZE",
                        "lots")))
                .hasMessage("VERITY_EMBEDDING_BATCH_SIZE must be a whole number above 0, got \"lots\"");
        assertThatThrownBy(() -> from(Map.of(
                        "VERITY_EMBEDDING_PROVIDER",
                        "openai",
                        "VERITY_EMBEDDING_API_KEY",
                        "sk-secret-123",
                        "VERITY_EMBEDDING_MODEL",
                        "m",
                        "VERITY_EMBEDDING_BASE_URL",
                        "ftp://x")))
                .hasMessageContaining("ftp://x")
                .hasMessageNotContaining("sk-secret-123");
    }

    @Test
    void aTypoInTheFileSectionIsReported() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                embedding:
                  provider: ollama
                  model: nomic-embed-text
                  dimension: 768
                """);

        assertThatThrownBy(() -> from(Map.of("VERITY_CONFIG", yaml.toString())))
                .hasMessageStartingWith("embedding.dimension is not an embedding setting; known: [provider,");
    }
}
