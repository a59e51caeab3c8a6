package dev.verity.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.verity.embedding.TokenCounter;
import java.util.Objects;

/**
 * Counts tokens with an embedding model's Hugging Face tokenizer alone, without loading its ONNX graph: for chunk
 * budgets when the vectors come from elsewhere (a remote embedding model), so that chunks are cut exactly as for the
 * local model. Counts exclude special tokens, as {@link OnnxEmbeddingModel#tokenCounter()} does.
 *
 * <p>Tokenizing runs on an {@link InferenceThreads inference thread}, whose deep stack no input can overflow.
 * Thread-safe. Close it to free the tokenizer's native memory.
 */
public final class HuggingFaceTokenCounter implements TokenCounter, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private HuggingFaceTokenCounter(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The tokenizer of this model (only its {@code tokenizerResource} is read). */
    public static HuggingFaceTokenCounter forModel(ModelSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new HuggingFaceTokenCounter(OnnxEmbeddingModel.loadTokenizer(spec.tokenizerResource()));
    }

    @Override
    public int count(String text) {
        return InferenceThreads.call(() -> tokenizer.encode(text, false, false).getIds().length);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
