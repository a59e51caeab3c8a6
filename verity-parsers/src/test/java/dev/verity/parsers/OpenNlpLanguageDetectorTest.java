package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenNlpLanguageDetectorTest {
    private static final OpenNlpLanguageDetector DETECTOR = new OpenNlpLanguageDetector();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Employees receive twenty-five days of paid leave per year. Sick leave is not counted against it.
            de | Die Mitarbeiter erhalten fünfundzwanzig Tage bezahlten Urlaub pro Jahr. Krankheitstage zählen nicht.
            fr | Les employés bénéficient de vingt-cinq jours de congés payés par an. La maladie ne compte pas.
            es | Los empleados tienen veinticinco días de vacaciones pagadas al año. La enfermedad no cuenta.
            it | I dipendenti ricevono venticinque giorni di ferie pagate all'anno. La malattia non conta.
            nl | Werknemers krijgen vijfentwintig dagen betaald verlof per jaar. Ziektedagen tellen niet mee.
            """)
    void namesTheLanguageOfASentenceWithItsTwoLetterCode(String expected, String text) {
        assertThat(DETECTOR.detect(text)).isEqualTo(expected);
    }

    @Test
    void mapsMandarinToTheTwoLetterCodeOfChinese() {
        assertThat(DETECTOR.detect("员工每年享有二十五天带薪休假，病假另计。公司鼓励员工充分休息，并在年底前安排好假期。"))
                .isEqualTo("zh");
    }

    @Test
    void recognizesJapaneseByItsKana() {
        assertThat(DETECTOR.detect("従業員は年間二十五日の有給休暇を取得できます。病気休暇は別に数えられます。")).isEqualTo("ja");
    }

    @Test
    void answersUndeterminedForTooLittleText() {
        assertThat(DETECTOR.detect("ok")).isEqualTo("und");
        assertThat(DETECTOR.detect("Hello world")).isEqualTo("und");
        assertThat(DETECTOR.detect("12 345 678 | 90.5 % | $ 20")).isEqualTo("und");
        assertThat(DETECTOR.detect("")).isEqualTo("und");
        assertThat(DETECTOR.detect(null)).isEqualTo("und");
    }

    @Test
    void answersUndeterminedWhenNoLanguageStandsOut() {
        assertThat(DETECTOR.detect("asdkj qwe zxcmn qweoiu zxcmnb lkjqwe poiuzt"))
                .isEqualTo("und");
    }

    @Test
    void looksOnlyAtTheBeginningOfLongTexts() {
        String english = "The committee approved the budget for the new library after a long debate. ";
        String text = english.repeat(200) + "Der Ausschuss hat den Haushalt genehmigt. ".repeat(2_000);

        assertThat(text.length()).isGreaterThan(OpenNlpLanguageDetector.MAX_SAMPLE_CHARS * 5);
        assertThat(DETECTOR.detect(text)).isEqualTo("en");
    }

    @Test
    void convertsThreeLetterCodesThroughTheJdkLocaleTable() {
        assertThat(DETECTOR.toIso639_1("eng")).isEqualTo("en");
        assertThat(DETECTOR.toIso639_1("deu")).isEqualTo("de");
        assertThat(DETECTOR.toIso639_1("cmn")).isEqualTo("zh");
        assertThat(DETECTOR.toIso639_1("nob")).isEqualTo("nb");
        assertThat(DETECTOR.toIso639_1("ast"))
                .as("no two-letter code: kept, as BCP 47 does")
                .isEqualTo("ast");
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        List<String> texts = List.of(
                "Employees receive twenty-five days of paid leave per year. Sick leave is not counted against it.",
                "Die Mitarbeiter erhalten fünfundzwanzig Tage bezahlten Urlaub pro Jahr. Krankheitstage zählen nicht.",
                "Les employés bénéficient de vingt-cinq jours de congés payés par an. La maladie ne compte pas.");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String text = texts.get(i % 3);
                results.add(pool.submit(() -> DETECTOR.detect(text)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get())
                        .isEqualTo(List.of("en", "de", "fr").get(i % 3));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
