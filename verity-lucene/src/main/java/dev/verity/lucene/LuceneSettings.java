package dev.verity.lucene;

/**
 * @param bm25K1 BM25 term-frequency saturation
 * @param bm25B BM25 length normalization
 * @param readOnly open without a writer: searches only, no lock taken, sees the last commit
 */
public record LuceneSettings(float bm25K1, float bm25B, boolean readOnly) {
    /** Anserini's BEIR defaults (k1 = 0.9, b = 0.4), so our BM25 figures compare with the published ones. */
    public static final float DEFAULT_K1 = 0.9f;

    public static final float DEFAULT_B = 0.4f;

    public LuceneSettings {
        if (!(bm25K1 >= 0)) {
            throw new IllegalArgumentException("bm25K1 must be >= 0, got " + bm25K1);
        }
        if (!(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("bm25B must be in [0, 1], got " + bm25B);
        }
    }

    public static LuceneSettings defaults() {
        return new LuceneSettings(DEFAULT_K1, DEFAULT_B, false);
    }

    public LuceneSettings asReadOnly() {
        return new LuceneSettings(bm25K1, bm25B, true);
    }
}
