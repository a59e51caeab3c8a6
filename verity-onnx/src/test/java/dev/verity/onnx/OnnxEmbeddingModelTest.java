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

    @Test
    void embedsHugeAndOddInputsWithoutCrashingEvenFromACallerWithATinyStack() throws InterruptedException {
        // native recursion past a thread's stack is a segfault of the whole JVM, not an exception: these inputs,
        // passed straight to the tokenizer and the model from a 256 KB thread, must come back as vectors
        List<String> inputs = List.of(
                "word ".repeat(20_000),
                "!".repeat(60_000),
                "?!.,;:".repeat(10_000),
                "\uD83D\uDE00".repeat(20_000),
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67".repeat(5_000),
                "a".repeat(60_000),
                "((((".repeat(15_000));
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
        Thread caller = new Thread(
                null,
                () -> {
                    try {
                        for (String input : inputs) {
                            assertThat(model.tokenCounter().count(input)).isPositive();
                            assertThat(model.embedQuery(input)).hasSize(384);
                            embedded.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "tiny-stack",
                256 * 1024);
        caller.start();
        caller.join();
        assertThat(failure.get()).isNull();
        assertThat(embedded.get()).isEqualTo(inputs.size());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
