package dev.verity.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnswerTextTest {
    @Test
    void squadNormalisationDropsCasePunctuationArticlesAndExtraSpace() {
        assertThat(AnswerText.squadNormalize("The  Tern T2's top speed: 2.0 m/s!"))
                .isEqualTo("tern t2s top speed 20 ms");
        assertThat(AnswerText.squadNormalize("An apple, a pear and THE fig")).isEqualTo("apple pear and fig");
    }

    @Test
    void exactMatchComparesNormalisedText() {
        assertThat(AnswerText.exactMatch("25 days.", "the 25 days")).isTrue();
        assertThat(AnswerText.exactMatch("25 days", "26 days")).isFalse();
    }

    @Test
    void tokenF1IsTheHarmonicMeanOfTokenPrecisionAndRecall() {
        // prediction tokens: employees get 25 days leave (5); reference: employees receive 25 days of paid annual
        // leave (8); shared: employees, 25, days, leave = 4 → P = 4/5, R = 4/8, F1 = 2·0.8·0.5/1.3 = 0.615385
        assertThat(AnswerText.tokenF1("Employees get 25 days leave.", "Employees receive 25 days of paid annual leave"))
                .isCloseTo(2 * 0.8 * 0.5 / 1.3, within(1e-12));
    }

    @Test
    void tokenF1CountsRepeatedTokensOnlyAsOftenAsTheReferenceHasThem() {
        // prediction "days days days" vs reference "days off": shared 1 → P = 1/3, R = 1/2, F1 = 0.4
        assertThat(AnswerText.tokenF1("days days days", "days off")).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void tokenF1OfEmptySidesFollowsSquad() {
        assertThat(AnswerText.tokenF1("", "")).isEqualTo(1.0);
        assertThat(AnswerText.tokenF1("the", "an")).isEqualTo(1.0); // both normalise to nothing
        assertThat(AnswerText.tokenF1("", "25 days")).isZero();
        assertThat(AnswerText.tokenF1("no overlap", "25 days")).isZero();
    }

    @Test
    void containsIgnoresCaseAndLineBreaks() {
        assertThat(AnswerText.contains("up to 5 unused\ndays may be carried", "5 Unused Days"))
                .isTrue();
        assertThat(AnswerText.contains("EUR 65", "EUR 75")).isFalse();
    }
}
