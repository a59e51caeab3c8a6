package dev.verity.embedding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embeds passages through an {@link EmbeddingCache}: only texts whose hash the cache does not know reach the model,
 * each distinct text once.
 */
public final class CachingEmbedder {
    private final EmbeddingModel model;
    private final EmbeddingCache cache;

    public CachingEmbedder(EmbeddingModel model, EmbeddingCache cache) {
        this.model = Objects.requireNonNull(model, "model");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The outcome: vectors in input order, and how many came from the cache. */
    public record Result(List<float[]> vectors, int cacheHits, int computed) {}

    /** The model whose vectors this embedder returns. */
    public EmbeddingModel model() {
        return model;
    }

    /** The vectors the cache already holds for these content hashes, by hash; the model is not called. */
    public Map<String, float[]> cached(List<String> hashes) {
        return cache.getAll(model.id(), hashes);
    }

    /**
     * @param texts passages to embed
     * @param hashes content hash of each passage, same order
     */
    public Result embed(List<String> texts, List<String> hashes) {
        if (texts.size() != hashes.size()) {
            throw new IllegalArgumentException(
                    "texts and hashes must have the same size, got " + texts.size() + " and " + hashes.size());
        }
        Map<String, float[]> known = new HashMap<>(cache.getAll(model.id(), hashes));
        int hits = 0;
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (known.containsKey(hashes.get(i))) {
                hits++;
            } else {
                missing.putIfAbsent(hashes.get(i), texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = model.embedPassages(new ArrayList<>(missing.values()));
            Map<String, float[]> fresh = new LinkedHashMap<>();
            int i = 0;
            for (String hash : missing.keySet()) {
                fresh.put(hash, computed.get(i++));
            }
            cache.putAll(model.id(), fresh);
            known.putAll(fresh);
        }
        List<float[]> vectors = hashes.stream().map(known::get).toList();
        return new Result(vectors, hits, missing.size());
    }
}
