package dev.verity.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The expected terms are what Lucene's {@code EnglishAnalyzer} makes of the same texts. */
class EnglishTermsTest {

    @Test
    void lowerCasesDropsStopWordsAndPossessivesAndStemsLikeLucenesEnglishAnalyzer() {
        assertThat(EnglishTerms.of("The employee's Refunds are processed within 14 days"))
                .containsExactly("employe", "refund", "process", "within", "14", "dai");
    }

    @Test
    void keepsNumbersWithSeparatorsAndDottedWordsWhole() {
        assertThat(EnglishTerms.of("salary 95,000 rose 3.14% e.g. api_key"))
                .containsExactly("salari", "95,000", "rose", "3.14", "e.g", "api_kei");
    }

    @Test
    void stemsPortersOwnExamples() {
        assertThat(EnglishTerms.of("caresses ponies hopping relational generalization adjustment controlling"))
                .containsExactly("caress", "poni", "hop", "relat", "gener", "adjust", "control");
    }

    @Test
    void aTextOfPunctuationAndStopWordsHasNoTerms() {
        assertThat(EnglishTerms.of("!!! the of and ___ ???")).isEmpty();
    }
}
