package dev.verity.lucene;

import dev.verity.internal.Checks;

/**
 * Which embedding model's vectors an index holds. Vectors of two models, or of one model at two sizes, do not compare:
 * an index records its space on first write and refuses to be opened with another (see {@link LuceneIndex}).
 *
 * @param modelId the embedding model's {@code id()}, e.g. {@code bge-small-en-v1.5-q}
 * @param dimension the size of its vectors
 */
public record VectorSpace(String modelId, int dimension) {

    public VectorSpace {
        Checks.nonBlank(modelId, "modelId");
        Checks.positive(dimension, "dimension");
    }

    /** {@code bge-small-en-v1.5-q (384 dims)}. */
    @Override
    public String toString() {
        return modelId + " (" + dimension + " dims)";
    }
}
