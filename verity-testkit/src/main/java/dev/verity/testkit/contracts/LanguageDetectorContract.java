package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.LanguageDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LanguageDetector} must do: the ISO 639-1 code of a clear paragraph ({@code "en"}, {@code "de"}),
 * {@value ParsedDocument#UNDETERMINED_LANGUAGE} for a text without enough words to tell (empty, blank, a word or two,
 * numbers and symbols), the same answer for the same text, and never null.
 *
 * <p>Subclass it once per implementation and supply {@link #detector()}; it may return one shared instance, since
 * loading a model is slow. Implementations: {@code OpenNlpLanguageDetector} (verity-parsers).
 */
public abstract class LanguageDetectorContract {
    protected static final String ENGLISH = "Employees receive twenty-five days of paid leave per year. Sick leave is"
            + " not counted against it, and unused days carry over into the first quarter of the next year.";
    protected static final String GERMAN = "Die Mitarbeiter erhalten fünfundzwanzig Tage bezahlten Urlaub pro Jahr."
            + " Krankheitstage zählen nicht, und nicht genommene Tage werden in das erste Quartal übertragen.";

    /** The detector under test. */
    protected abstract LanguageDetector detector();

    @Test
    void namesAClearEnglishParagraphEn() {
        assertThat(detector().detect(ENGLISH)).isEqualTo("en");
    }

    @Test
    void namesAClearGermanParagraphDe() {
        assertThat(detector().detect(GERMAN)).isEqualTo("de");
    }

    @Test
    void answersUndeterminedForAnEmptyOrBlankText() {
        assertThat(detector().detect("")).isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
        assertThat(detector().detect("  \n\t ")).isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
    }

    @Test
    void answersUndeterminedForTooShortAText() {
        assertThat(detector().detect("ok")).isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
        assertThat(detector().detect("Hello")).isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
    }

    @Test
    void answersUndeterminedForNumbersAndSymbols() {
        assertThat(detector().detect("12 345 678 | 90.5 % | $ 20 | 2026-01-15"))
                .isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
    }

    @Test
    void givesTheSameAnswerForTheSameText() {
        LanguageDetector detector = detector();

        assertThat(detector.detect(ENGLISH)).isEqualTo(detector.detect(ENGLISH));
        assertThat(detector.detect(GERMAN)).isEqualTo(detector.detect(GERMAN));
    }

    @Test
    void neverAnswersNullOrBlank() {
        List<String> texts = List.of("", " ", "x", "?!", "42", "asdkj qwe zxcmn", ENGLISH, GERMAN, "ENGLISH " + GERMAN);

        assertThat(texts).allSatisfy(text -> assertThat(detector().detect(text)).isNotBlank());
    }

    @Test
    void answersATwoLetterLowerCaseCodeOrUndetermined() {
        List<String> texts = List.of(ENGLISH, GERMAN, "", "12 345", ENGLISH.toUpperCase(java.util.Locale.ROOT));

        assertThat(texts).allSatisfy(text -> assertThat(detector().detect(text)).matches("[a-z]{2}|und"));
    }
}
