package dev.verity.embedding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the vectors of recent queries, so the steps of one request that embed the same question (retrieval, then
 * answer scoring) pay for it once, and repeated questions cost nothing. Passages embedded at query time (the
 * extractive answerer's candidate sentences, which recur whenever the same chunks are retrieved) are remembered in a
 * second, larger cache; only the missing ones reach the model, in one batch. Use it on the query side only: ingestion
 * has its own persistent cache by chunk hash.
 */
public final class QueryCachingEmbeddingModel implements EmbeddingModel {
    /** Enough for the questions in flight on a busy server; 384 floats each, so about 0.4 MB. */
    public static final int DEFAULT_CAPACITY = 256;
    /** Passages remembered: 8,192 sentences of 384 floats is about 13 MB. */
    public static final int DEFAULT_PASSAGE_CAPACITY = 8_192;

    private final EmbeddingModel delegate;
    private final Map<String, float[]> recent;
    private final Map<String, float[]> passages;

    public QueryCachingEmbeddingModel(EmbeddingModel delegate, int capacity, int passageCapacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.recent = lru(capacity, "capacity");
        this.passages = lru(passageCapacity, "passageCapacity");
    }

    public QueryCachingEmbeddingModel(EmbeddingModel delegate, int capacity) {
        this(delegate, capacity, DEFAULT_PASSAGE_CAPACITY);
    }

    private static Map<String, float[]> lru(int capacity, String name) {
        if (capacity < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + capacity);
        }
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public TokenCounter tokenCounter() {
        return delegate.tokenCounter();
    }

    @Override
    public float[] embedQuery(String query) {
        float[] cached;
        synchronized (recent) {
            cached = recent.get(query);
        }
        if (cached == null) {
            cached = delegate.embedQuery(query);
            synchronized (recent) {
                recent.put(query, cached);
            }
        }
        return cached.clone();
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        synchronized (passages) {
            for (int i = 0; i < texts.size(); i++) {
                vectors[i] = passages.get(texts.get(i));
                if (vectors[i] == null && !missing.contains(texts.get(i))) {
                    missing.add(texts.get(i));
                }
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = delegate.embedPassages(missing);
            Map<String, float[]> byText = new HashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                byText.put(missing.get(i), computed.get(i));
            }
            synchronized (passages) {
                passages.putAll(byText);
            }
            for (int i = 0; i < texts.size(); i++) {
                if (vectors[i] == null) {
                    vectors[i] = byText.get(texts.get(i));
                }
            }
        }
        List<float[]> out = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            out.add(v.clone());
        }
        return out;
    }
}
