package dev.verity.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the vectors of recent queries, so the steps of one request that embed the same question (retrieval, then
 * answer scoring) pay for it once, and repeated questions cost nothing. Passages pass straight through.
 */
public final class QueryCachingEmbeddingModel implements EmbeddingModel {
    /** Enough for the questions in flight on a busy server; 384 floats each, so about 0.4 MB. */
    public static final int DEFAULT_CAPACITY = 256;

    private final EmbeddingModel delegate;
    private final Map<String, float[]> recent;

    public QueryCachingEmbeddingModel(EmbeddingModel delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
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
    public List<float[]> embedPassages(List<String> passages) {
        return delegate.embedPassages(passages);
    }
}
