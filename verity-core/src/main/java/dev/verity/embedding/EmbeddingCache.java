package dev.verity.embedding;

import java.util.Collection;
import java.util.Map;

/**
 * Remembers passage vectors by model and content hash, so re-ingesting unchanged text costs no model time.
 * Implementations: {@code JdbcEmbeddingCache} (persistent) in {@code verity-jdbc}; {@link #none()}.
 */
public interface EmbeddingCache {

    /** The cached vectors among {@code contentHashes}, keyed by hash; absent hashes are simply missing. */
    Map<String, float[]> getAll(String modelId, Collection<String> contentHashes);

    void putAll(String modelId, Map<String, float[]> vectorsByHash);

    /** A cache that remembers nothing. */
    static EmbeddingCache none() {
        return new EmbeddingCache() {
            @Override
            public Map<String, float[]> getAll(String modelId, Collection<String> contentHashes) {
                return Map.of();
            }

            @Override
            public void putAll(String modelId, Map<String, float[]> vectorsByHash) {}
        };
    }
}
