package dev.verity.testkit.fakes;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for a real embedding model, for tests of pure logic (fusion, filters, chunking): words are
 * hashed into a fixed number of signed buckets and the vector normalized, so texts sharing words are similar. It knows
 * nothing of meaning: never use it where a test is about retrieval quality.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {
    private final int dimension;
    private volatile int passageCalls;

    public HashingEmbeddingModel(int dimension) {
        this.dimension = dimension;
    }

    public HashingEmbeddingModel() {
        this(64);
    }

    @Override
    public String id() {
        return "hashing-" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public TokenCounter tokenCounter() {
        return TokenCounter.whitespace();
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(query);
    }

    @Override
    public synchronized List<float[]> embedPassages(List<String> passages) {
        passageCalls += passages.size();
        return passages.stream().map(this::embed).toList();
    }

    /** How many passages were embedded so far: lets tests prove that a cache spared the model. */
    public int passagesEmbedded() {
        return passageCalls;
    }

    public float[] embed(String text) {
        float[] v = unnormalized(text, dimension);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /**
     * The vector before normalization: each word adds +1 or -1 (by its hash's sign bit) to the bucket its hash picks.
     * All zeros for a text without words. {@link #embed} is this scaled to length 1.
     */
    public static float[] unnormalized(String text, int dimension) {
        float[] v = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            int h = word.hashCode();
            v[Math.floorMod(h, dimension)] += (h >>> 31) == 0 ? 1 : -1;
        }
        return v;
    }
}
