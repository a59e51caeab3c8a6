package dev.verity.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HuggingFaceTokenCounterTest {

    @Test
    void countsExactlyAsTheLoadedModelDoesWithoutLoadingIt() {
        String text = "Embeddings of the employee handbook: 25 days of annual leave, carried over until March.";
        try (HuggingFaceTokenCounter counter = HuggingFaceTokenCounter.forModel(ModelSpec.bgeSmallEnV15Quantized());
                OnnxEmbeddingModel model = OnnxEmbeddingModel.defaultModel()) {
            assertThat(counter.count(text))
                    .isEqualTo(model.tokenCounter().count(text))
                    .isGreaterThan(15);
            assertThat(counter.count("word ".repeat(2_000))).isEqualTo(2_000);
            assertThat(counter.count("")).isZero();
        }
    }
}
