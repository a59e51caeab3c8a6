package dev.verity.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.testkit.contracts.EmbeddingModelContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bge-small model runs the embedding contract, plus what only a model of meaning can show. */
class OnnxEmbeddingModelTest extends EmbeddingModelContract {
    private static OnnxEmbeddingModel model;

    @Override
    protected EmbeddingModel model() {
        return model;
    }

    @BeforeAll
    static void load() {
        model = OnnxEmbeddingModel.defaultModel();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void producesNormalizedVectorsOfTheModelsDimension() {
        float[] v = model.embedQuery("How many days of leave do employees get?");
        assertThat(v).hasSize(384);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void ranksTheAnsweringPassageAboveUnrelatedOnes() {
        float[] q = model.embedQuery("How do I reset my password?");
        List<float[]> passages = model.embedPassages(List.of(
                "To reset your password, open Settings, choose Security and click Reset password.",
                "The cafeteria serves lunch from noon until two in the afternoon.",
                "Our guitar lessons cover chords, scales and rhythm for beginners."));
        double relevant = dot(q, passages.get(0));
        assertThat(relevant).isGreaterThan(dot(q, passages.get(1)) + 0.1);
        assertThat(relevant).isGreaterThan(dot(q, passages.get(2)) + 0.1);
    }

    @Test
    void countsTokensWithTheModelsOwnTokenizerWithoutSpecialTokens() {
        // WordPiece: "embeddings" splits into "em", "##bed", "##ding", "##s"
        assertThat(model.tokenCounter().count("hello world")).isEqualTo(2);
        assertThat(model.tokenCounter().count("embeddings")).isGreaterThan(1);
        assertThat(model.tokenCounter().count("")).isZero();
    }

    @Test
    void truncatesTextsLongerThanTheModelWindowInsteadOfFailing() {
        String longText = "word ".repeat(2_000);
        assertThat(model.tokenCounter().count(longText)).isEqualTo(2_000);
        assertThat(model.embedPassages(List.of(longText)).getFirst()).hasSize(384);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
