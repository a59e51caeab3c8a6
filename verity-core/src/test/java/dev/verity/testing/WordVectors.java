package dev.verity.testing;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic embedding model for core unit tests (the testkit's {@code HashingEmbeddingModel} is out of reach
 * here): each word adds +1 or -1 to the bucket its hash picks, then the vector is scaled to length 1, so texts sharing
 * words are similar. It knows nothing of meaning.
 */
public final class WordVectors implements EmbeddingModel {
    public static final int DIMENSION = 64;

    private int passagesEmbedded;

    @Override
    public String id() {
        return "word-vectors-" + DIMENSION;
    }

    @Override
    public int dimension() {
        return DIMENSION;
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
        passagesEmbedded += passages.size();
        return passages.stream().map(WordVectors::embed).toList();
    }

    /** How many passages were embedded so far: lets a test see that a cache spared the model. */
    public synchronized int passagesEmbedded() {
        return passagesEmbedded;
    }

    public static float[] embed(String text) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int h = word.hashCode();
                v[Math.floorMod(h, DIMENSION)] += (h >>> 31) == 0 ? 1 : -1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < DIMENSION; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
