package dev.verity.retrieval;

import dev.verity.internal.Checks;

/**
 * @param candidatesPerLeg how many hits each leg contributes to fusion; more finds more but costs more
 * @param keywordWeight weight of the BM25 leg in fusion
 * @param vectorWeight weight of the vector leg in fusion
 * @param rrfK the rank constant of reciprocal rank fusion
 */
public record RetrievalSettings(int candidatesPerLeg, double keywordWeight, double vectorWeight, int rrfK) {
    /** Deep enough that a chunk ranked moderately by both legs still meets in fusion; cheap at our index sizes. */
    public static final int DEFAULT_CANDIDATES_PER_LEG = 50;

    public RetrievalSettings {
        Checks.positive(candidatesPerLeg, "candidatesPerLeg");
        Checks.positive(rrfK, "rrfK");
        if (!(keywordWeight >= 0) || !(vectorWeight >= 0) || keywordWeight + vectorWeight == 0) {
            throw new IllegalArgumentException(
                    "weights must be >= 0 and not both 0, got keyword=" + keywordWeight + " vector=" + vectorWeight);
        }
    }

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(DEFAULT_CANDIDATES_PER_LEG, 1.0, 1.0, 60);
    }
}
