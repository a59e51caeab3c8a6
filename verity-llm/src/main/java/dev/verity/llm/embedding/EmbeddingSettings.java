package dev.verity.llm.embedding;

import dev.verity.internal.Checks;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.resilience.ResilienceSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach a remote embedding model and what it must return. Validated on construction, with messages meant for
 * start-up logs (never the API key).
 *
 * <pre>{@code
 * EmbeddingSettings settings = EmbeddingSettings.builder(ProviderSettings.builder("ollama")
 *                 .model("nomic-embed-text").build())
 *         .dimension(768)
 *         .queryPrefix("search_query: ")
 *         .passagePrefix("search_document: ")
 *         .build();
 * }</pre>
 *
 * <p>The dimension is the one configured, else the native one of a few well-known models ({@link #knownDimension}).
 * It is checked on every vector; it is also sent to the provider as {@code dimensions} only where the model is known to
 * return shortened vectors on request (OpenAI's {@code text-embedding-3-*}) and the configured size differs from the
 * native one. Trap: other models may refuse the {@code dimensions} field, so for them it is only a check.
 *
 * @param provider how to reach the provider: kind ({@code openai}, {@code azure-openai} or {@code ollama}), base URL,
 *     key, model, Azure deployment, timeouts (the read timeout bounds the wait for each batch's answer)
 * @param dimension the size of every vector the model returns
 * @param requestDimension whether {@code dimension} is sent to the provider to ask for shortened vectors
 * @param maxBatchSize the most texts sent in one request
 * @param queryPrefix prepended to every query before it is embedded (e.g. {@code "search_query: "} for nomic,
 *     {@code "query: "} for e5); empty for symmetric models
 * @param passagePrefix prepended to every passage (e.g. {@code "search_document: "}, {@code "passage: "})
 * @param resilience the retry policy: {@code maxAttempts}, {@code initialBackoff}, {@code maxBackoff} and
 *     {@code maxRetryAfter} apply; the rest concerns chat models only
 */
public record EmbeddingSettings(
        ProviderSettings provider,
        int dimension,
        boolean requestDimension,
        int maxBatchSize,
        String queryPrefix,
        String passagePrefix,
        ResilienceSettings resilience) {

    /** Large enough to amortise a round trip, small enough to stay far below every provider's request limits. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;

    /** The protocols with an embeddings endpoint that Verity speaks. */
    public static final Set<ProviderKind> SUPPORTED_KINDS =
            Set.of(ProviderKind.OPENAI, ProviderKind.AZURE_OPENAI, ProviderKind.OLLAMA);

    /** The most texts any supported provider takes in one request (OpenAI's limit). */
    static final int MAX_BATCH_SIZE_LIMIT = 2048;

    /** Native vector sizes of well-known models, so that they need no configured dimension. */
    private static final Map<String, Integer> NATIVE_DIMENSIONS = Map.ofEntries(
            Map.entry("text-embedding-3-small", 1536),
            Map.entry("text-embedding-3-large", 3072),
            Map.entry("text-embedding-ada-002", 1536),
            Map.entry("nomic-embed-text", 768),
            Map.entry("mxbai-embed-large", 1024),
            Map.entry("all-minilm", 384),
            Map.entry("bge-m3", 1024));

    /** Models that return shortened vectors when asked with {@code dimensions}. */
    private static final Set<String> SHORTENABLE = Set.of("text-embedding-3-small", "text-embedding-3-large");

    public EmbeddingSettings {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(queryPrefix, "queryPrefix must not be null");
        Objects.requireNonNull(passagePrefix, "passagePrefix must not be null");
        Objects.requireNonNull(resilience, "resilience must not be null");
        checkKind(provider.kind());
        Checks.positive(dimension, "dimension");
        if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE_LIMIT) {
            throw new IllegalArgumentException(
                    "maxBatchSize must be in [1, " + MAX_BATCH_SIZE_LIMIT + "], got " + maxBatchSize);
        }
    }

    /** Starts settings for a model at this provider; the model's name is {@code provider.model()}. */
    public static Builder builder(ProviderSettings provider) {
        return new Builder(Objects.requireNonNull(provider, "provider must not be null"));
    }

    /** The native vector size of a well-known model, by name ({@code nomic-embed-text:latest} counts as its base). */
    public static Optional<Integer> knownDimension(String model) {
        return Optional.ofNullable(NATIVE_DIMENSIONS.get(baseName(model)));
    }

    /**
     * The model's stable identity: provider kind, model, dimension, and a hash of the passage prefix when there is one,
     * e.g. {@code openai:text-embedding-3-small:1536}. It names the vector space: change any part and stored vectors
     * no longer compare with new ones. The query prefix is left out on purpose: it changes no stored vector.
     */
    public String modelId() {
        String id = provider.kind().code() + ":" + provider.model() + ":" + dimension;
        return passagePrefix.isEmpty() ? id : id + ":passage-prefix-" + shortHash(passagePrefix);
    }

    /** Everything but the key, which {@link ProviderSettings#toString()} hides. */
    @Override
    public String toString() {
        return "EmbeddingSettings[provider=" + provider + ", dimension=" + dimension + ", requestDimension="
                + requestDimension + ", maxBatchSize=" + maxBatchSize + ", queryPrefix=\"" + queryPrefix
                + "\", passagePrefix=\"" + passagePrefix + "\"]";
    }

    /** Fails, saying what to use instead, for a kind of provider without an embeddings API that Verity speaks. */
    public static void checkKind(ProviderKind kind) {
        if (!SUPPORTED_KINDS.contains(kind)) {
            throw new IllegalArgumentException("provider " + kind + " has no embeddings API that Verity speaks; use"
                    + " openai (or an OpenAI-compatible server), azure-openai or ollama"
                    + (kind == ProviderKind.GEMINI
                            ? " (Gemini embeddings are not supported: Spring AI 2.0.0's google-genai embedding module"
                                    + " is not available)"
                            : ""));
        }
    }

    private static String baseName(String model) {
        int tag = model.indexOf(':');
        return tag < 0 ? model : model.substring(0, tag);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Collects settings as they come from configuration and resolves the dimension. */
    public static final class Builder {
        private final ProviderSettings provider;
        private Integer dimension;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private String queryPrefix = "";
        private String passagePrefix = "";
        private ResilienceSettings resilience = ResilienceSettings.defaults();

        private Builder(ProviderSettings provider) {
            this.provider = provider;
        }

        /** The vector size; when never set, the model's native size if it is a well-known model. */
        public Builder dimension(Integer dimension) {
            this.dimension = dimension;
            return this;
        }

        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** The query prefix; {@code null} means none. Kept verbatim: a trailing space is usually part of it. */
        public Builder queryPrefix(String queryPrefix) {
            this.queryPrefix = queryPrefix == null ? "" : queryPrefix;
            return this;
        }

        /** The passage prefix; {@code null} means none. Kept verbatim. */
        public Builder passagePrefix(String passagePrefix) {
            this.passagePrefix = passagePrefix == null ? "" : passagePrefix;
            return this;
        }

        public Builder resilience(ResilienceSettings resilience) {
            this.resilience = resilience;
            return this;
        }

        public EmbeddingSettings build() {
            checkKind(provider.kind());
            Optional<Integer> known = knownDimension(provider.model());
            int resolved = Optional.ofNullable(dimension)
                    .or(() -> known)
                    .orElseThrow(
                            () -> new IllegalArgumentException(
                                    "dimension must be set for embedding model " + provider.model()
                                            + ": the size of the vectors it returns (e.g. 768); every vector is checked against it"));
            boolean request = dimension != null
                    && SHORTENABLE.contains(baseName(provider.model()))
                    && known.map(n -> !n.equals(dimension)).orElse(false);
            return new EmbeddingSettings(
                    provider, resolved, request, maxBatchSize, queryPrefix, passagePrefix, resilience);
        }
    }
}
