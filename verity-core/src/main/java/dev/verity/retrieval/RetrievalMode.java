package dev.verity.retrieval;

import java.util.Locale;

/** Which legs of retrieval run. */
public enum RetrievalMode {
    /** BM25 only. */
    KEYWORD,
    /** Nearest-neighbour search on embeddings only. */
    VECTOR,
    /** Both, fused. The default. */
    HYBRID;

    public boolean usesKeyword() {
        return this != VECTOR;
    }

    public boolean usesVector() {
        return this != KEYWORD;
    }

    /** Accepts {@code bm25} and {@code keyword}, {@code vector} and {@code dense}, {@code hybrid}, in any case. */
    public static RetrievalMode parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "bm25", "keyword" -> KEYWORD;
            case "vector", "dense", "knn" -> VECTOR;
            case "hybrid" -> HYBRID;
            default ->
                throw new IllegalArgumentException(
                        "retrieval mode must be one of bm25, vector, hybrid; got \"" + name + "\"");
        };
    }
}
