package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EmbeddingModel} must do, whatever it runs on: vectors of its dimension and of unit length (the
 * index compares them by dot product), the same vector for the same text, a batch embedded as its passages would be
 * one by one and in their order, texts sharing words closer than unrelated ones, a text longer than any model window
 * embedded rather than refused, and a token counter that is stable and counts nothing in an empty text.
 *
 * <p>Subclass it once per implementation and supply {@link #model()}; it may return one shared instance, since
 * loading a real model is slow. Implementations: {@code OnnxEmbeddingModel} (verity-onnx), {@code RemoteEmbeddingModel}
 * against a fake of each protocol (verity-llm), {@code HashingEmbeddingModel} and {@code QueryCachingEmbeddingModel}
 * (the testkit's own tests).
 */
public abstract class EmbeddingModelContract {
    /** Unit length up to float rounding over a few hundred components. */
    private static final double NORM_TOLERANCE = 1e-4;

    /** A batch may be computed in another order of float operations than single texts; not more apart than this. */
    private static final float BATCH_TOLERANCE = 1e-5f;

    private static final List<String> PASSAGES = List.of(
            "Staff get twenty five days of annual leave.",
            "Refunds are granted within twenty one days of purchase.",
            "The office is closed on public holidays.");

    /** The model under test. */
    protected abstract EmbeddingModel model();

    @Test
    void everyVectorHasTheModelsDimension() {
        EmbeddingModel model = model();

        assertThat(model.dimension()).isPositive();
        assertThat(model.embedQuery("How many days of leave?")).hasSize(model.dimension());
        assertThat(model.embedPassages(PASSAGES))
                .hasSize(PASSAGES.size())
                .allSatisfy(v -> assertThat(v).hasSize(model.dimension()));
    }

    @Test
    void queryAndPassageVectorsHaveUnitLength() {
        EmbeddingModel model = model();

        assertThat(norm(model.embedQuery("How many days of leave?"))).isCloseTo(1.0, within(NORM_TOLERANCE));
        for (float[] v : model.embedPassages(PASSAGES)) {
            assertThat(norm(v)).isCloseTo(1.0, within(NORM_TOLERANCE));
        }
    }

    @Test
    void theSameTextGetsTheSameVectorEveryTime() {
        EmbeddingModel model = model();

        assertThat(model.embedPassages(List.of("stable text")).getFirst())
                .containsExactly(model.embedPassages(List.of("stable text")).getFirst());
        assertThat(model.embedQuery("stable question")).containsExactly(model.embedQuery("stable question"));
    }

    @Test
    void aBatchIsEmbeddedInOrderAsEachPassageWouldBeAlone() {
        EmbeddingModel model = model();

        List<float[]> batch = model.embedPassages(PASSAGES);

        for (int i = 0; i < PASSAGES.size(); i++) {
            float[] alone = model.embedPassages(List.of(PASSAGES.get(i))).getFirst();
            assertThat(batch.get(i)).as("passage %d", i).containsExactly(alone, within(BATCH_TOLERANCE));
        }
    }

    @Test
    void noPassagesGiveNoVectors() {
        assertThat(model().embedPassages(List.of())).isEmpty();
    }

    @Test
    void textsSharingWordsAreCloserThanUnrelatedOnes() {
        List<float[]> v = model().embedPassages(List.of(
                "annual leave policy for staff", "staff annual leave days", "guitar lessons cover chords and scales"));

        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)));
    }

    @Test
    void aTextLongerThanAnyModelWindowIsEmbeddedNotRefused() {
        EmbeddingModel model = model();
        String longText = "word ".repeat(2_000);

        float[] vector = model.embedPassages(List.of(longText)).getFirst();

        assertThat(vector).hasSize(model.dimension());
        assertThat(norm(vector)).isCloseTo(1.0, within(NORM_TOLERANCE));
    }

    @Test
    void theTokenCounterIsStableAndCountsNothingInAnEmptyText() {
        TokenCounter tokens = model().tokenCounter();

        assertThat(tokens.count("")).isZero();
        assertThat(tokens.count("hello world")).isPositive().isEqualTo(tokens.count("hello world"));
        assertThat(tokens.count("hello world and more words")).isGreaterThan(tokens.count("hello world"));
    }

    @Test
    void theIdIsStableAndNotBlank() {
        EmbeddingModel model = model();

        assertThat(model.id()).isNotBlank().isEqualTo(model.id());
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
