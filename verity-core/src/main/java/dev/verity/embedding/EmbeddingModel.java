package dev.verity.embedding;

import java.util.List;

/**
 * Maps text to dense vectors for semantic search. Vectors are L2-normalized, so a dot product is the cosine
 * similarity. Implementations: {@code OnnxEmbeddingModel} (in process, bge-small-en-v1.5 int8 by default) in
 * {@code verity-onnx}; {@code HashingEmbeddingModel} in the testkit for tests of pure logic.
 *
 * <p>Queries and passages are embedded differently on purpose: asymmetric models such as bge prefix queries with an
 * instruction. Do NOT embed a question with {@link #embedPassages}; retrieval quality drops silently.
 *
 * <p>Implementations are thread-safe.
 */
public interface EmbeddingModel {

    /** A stable name of model and settings, part of every cache key: change it when vectors change. */
    String id();

    int dimension();

    /** The model's tokenizer, for chunk budgets. */
    TokenCounter tokenCounter();

    /** Embeds a search query. */
    float[] embedQuery(String query);

    /** Embeds passages, in order: element {@code i} of the result belongs to element {@code i} of the input. */
    List<float[]> embedPassages(List<String> passages);
}
