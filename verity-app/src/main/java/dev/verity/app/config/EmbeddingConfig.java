package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.number;
import static dev.verity.app.config.ConfigValues.put;

import dev.verity.llm.embedding.EmbeddingSettings;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.lucene.VectorSpace;
import dev.verity.onnx.ModelSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model embeds passages and questions, read at start-up from the environment and the optional
 * {@code VERITY_CONFIG} file; any mistake stops start-up with a message naming the setting, never a secret. By
 * default the embedded ONNX model (bge-small-en-v1.5, 384 dims): no network, no key.
 *
 * <p>Environment: {@code VERITY_EMBEDDING_PROVIDER} ({@code onnx}, the default; {@code openai} for OpenAI and
 * OpenAI-compatible servers; {@code azure-openai}; {@code ollama}), {@code VERITY_EMBEDDING_BASE_URL},
 * {@code VERITY_EMBEDDING_API_KEY} or {@code VERITY_EMBEDDING_API_KEY_FILE}, {@code VERITY_EMBEDDING_MODEL},
 * {@code VERITY_EMBEDDING_DIMENSIONS}, {@code VERITY_EMBEDDING_TIMEOUT_MS}, {@code VERITY_EMBEDDING_BATCH_SIZE},
 * {@code VERITY_EMBEDDING_QUERY_PREFIX}, {@code VERITY_EMBEDDING_PASSAGE_PREFIX}, and for Azure
 * {@code VERITY_EMBEDDING_AZURE_DEPLOYMENT}, {@code VERITY_EMBEDDING_AZURE_API_VERSION}. When
 * {@code VERITY_EMBEDDING_PROVIDER} is set, these replace the file's {@code embedding:} section as a whole.
 *
 * <p>File:
 * <pre>
 * embedding:
 *   provider: ollama
 *   base_url: http://localhost:11434
 *   model: nomic-embed-text
 *   dimensions: 768            # checked on every vector; optional for well-known models
 *   timeout_ms: 60000          # per request (one batch)
 *   batch_size: 64
 *   query_prefix: "search_query: "
 *   passage_prefix: "search_document: "
 *   # api_key_env: NAME, api_key_file: /run/secrets/key or api_key (discouraged); azure_deployment, azure_api_version
 * </pre>
 *
 * Trap: the index records the model that built it; a data folder ingested with one model refuses to open with another.
 *
 * @param remote the remote model's settings; empty for the embedded ONNX model
 */
public record EmbeddingConfig(Optional<EmbeddingSettings> remote) {

    /** The default: the embedded ONNX model. */
    public static final EmbeddingConfig ONNX = new EmbeddingConfig(Optional.empty());

    static final String ONNX_CODE = "onnx";

    private static final String ENV = "VERITY_EMBEDDING_";

    /** The settings every entry may carry; anything else is a typo worth reporting. */
    private static final List<String> KEYS = List.of(
            "provider",
            "base_url",
            "api_key",
            "api_key_file",
            "api_key_env",
            "model",
            "dimensions",
            "timeout_ms",
            "batch_size",
            "query_prefix",
            "passage_prefix",
            "azure_deployment",
            "azure_api_version");

    public EmbeddingConfig {
        Objects.requireNonNull(remote, "remote");
    }

    /** The vector space this model writes and searches: its id and dimension, known without loading it. */
    public VectorSpace vectorSpace() {
        return remote.map(s -> new VectorSpace(s.modelId(), s.dimension())).orElseGet(() -> {
            ModelSpec onnx = ModelSpec.bgeSmallEnV15Quantized();
            return new VectorSpace(onnx.id(), onnx.dimension());
        });
    }

    /** Reads the configuration from the environment and the already read {@code VERITY_CONFIG} file. */
    static EmbeddingConfig from(Map<String, String> env, Map<String, Object> file) {
        String where = "embedding";
        Map<String, Object> entry = map(file.get("embedding"), "embedding");
        String envProvider = env.getOrDefault(ENV + "PROVIDER", "").strip();
        if (!envProvider.isEmpty()) {
            where = ENV + "*";
            entry = new LinkedHashMap<>();
            entry.put("provider", envProvider);
            for (String key : KEYS) {
                if (!key.equals("provider") && !key.equals("api_key_env")) {
                    put(entry, key, envValue(env, key));
                }
            }
        } else {
            for (String key : KEYS) {
                if (!key.equals("provider") && !key.equals("api_key_env") && envValue(env, key) != null) {
                    throw new IllegalArgumentException(ENV + key.toUpperCase(Locale.ROOT) + " is set, but "
                            + ENV + "PROVIDER is not: set it to openai, azure-openai or ollama to use a remote"
                            + " embedding model (or unset " + ENV + key.toUpperCase(Locale.ROOT) + ")");
                }
            }
        }
        for (String key : entry.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + "." + key + " is not an embedding setting; known: " + KEYS);
            }
        }
        Object provider = entry.get("provider");
        if (provider == null || provider.toString().strip().equalsIgnoreCase(ONNX_CODE)) {
            if (entry.keySet().stream().anyMatch(k -> !k.equals("provider"))) {
                throw new IllegalArgumentException(where + ": provider onnx (the embedded model) takes no other"
                        + " settings, got "
                        + entry.keySet().stream()
                                .filter(k -> !k.equals("provider"))
                                .toList()
                        + "; set provider to openai, azure-openai or ollama for a remote model");
            }
            return ONNX;
        }
        ProviderKind kind;
        try {
            kind = ProviderKind.fromCode(provider.toString());
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(ConfigValues.setting(where, "provider")
                    + " must be one of onnx, openai, azure-openai, ollama," + " got \"" + provider + "\"");
        }
        try {
            EmbeddingSettings.checkKind(kind);
        } catch (IllegalArgumentException unsupported) {
            throw new IllegalArgumentException(where + ": " + unsupported.getMessage());
        }
        Duration timeout = Duration.ofMillis(number(
                entry.get("timeout_ms"),
                ConfigValues.setting(where, "timeout_ms"),
                ProviderSettings.DEFAULT_READ_TIMEOUT.toMillis()));
        ProviderSettings settings = ConfigValues.provider(
                        entry, where, env, ENV, "onnx, openai, azure-openai, ollama", "text-embedding-3-small")
                .withReadTimeout(timeout);
        long dimensions = number(entry.get("dimensions"), ConfigValues.setting(where, "dimensions"), 0);
        long batchSize = number(
                entry.get("batch_size"),
                ConfigValues.setting(where, "batch_size"),
                EmbeddingSettings.DEFAULT_MAX_BATCH_SIZE);
        try {
            return new EmbeddingConfig(Optional.of(EmbeddingSettings.builder(settings)
                    .dimension(dimensions == 0 ? null : Math.toIntExact(dimensions))
                    .maxBatchSize(Math.toIntExact(batchSize))
                    .queryPrefix(raw(entry.get("query_prefix")))
                    .passagePrefix(raw(entry.get("passage_prefix")))
                    .build()));
        } catch (IllegalArgumentException | ArithmeticException invalid) {
            throw new IllegalArgumentException(where + ": " + invalid.getMessage());
        }
    }

    /** The value of {@code VERITY_EMBEDDING_<KEY>}, or {@code null} when unset or blank. */
    private static String envValue(Map<String, String> env, String key) {
        String value = env.get(ENV + key.toUpperCase(Locale.ROOT));
        return value == null || value.isBlank() ? null : value;
    }

    /** A prefix as given: its trailing space usually matters. */
    private static String raw(Object value) {
        return value == null ? "" : value.toString();
    }
}
