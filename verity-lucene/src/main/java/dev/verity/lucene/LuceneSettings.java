package dev.verity.lucene;

import java.util.Objects;
import java.util.Optional;

/**
 * @param bm25K1 BM25 term-frequency saturation
 * @param bm25B BM25 length normalization
 * @param readOnly open without a writer: searches only, no lock taken, sees the last commit
 * @param vectorSpace the embedding model whose vectors will be written and searched: recorded in an index that has
 *     no record yet, refused by one built with another model; when empty nothing is recorded or checked at open
 */
public record LuceneSettings(float bm25K1, float bm25B, boolean readOnly, Optional<VectorSpace> vectorSpace) {
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
        Objects.requireNonNull(vectorSpace, "vectorSpace must not be null");
    }

    public static LuceneSettings defaults() {
        return new LuceneSettings(DEFAULT_K1, DEFAULT_B, false, Optional.empty());
    }

    public LuceneSettings asReadOnly() {
        return new LuceneSettings(bm25K1, bm25B, true, vectorSpace);
    }

    /** These settings for an index of this embedding model's vectors. */
    public LuceneSettings withVectorSpace(VectorSpace space) {
        return new LuceneSettings(bm25K1, bm25B, readOnly, Optional.of(Objects.requireNonNull(space, "space")));
    }
}
