package dev.verity.testing;

import dev.verity.embedding.EmbeddingCache;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link EmbeddingCache} in a map, for core unit tests. */
public final class MemoryEmbeddingCache implements EmbeddingCache {
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    @Override
    public Map<String, float[]> getAll(String modelId, Collection<String> contentHashes) {
        Map<String, float[]> found = new HashMap<>();
        for (String hash : contentHashes) {
            float[] v = vectors.get(modelId + "/" + hash);
            if (v != null) {
                found.put(hash, v);
            }
        }
        return found;
    }

    @Override
    public void putAll(String modelId, Map<String, float[]> vectorsByHash) {
        vectorsByHash.forEach((hash, v) -> vectors.put(modelId + "/" + hash, v));
    }
}
