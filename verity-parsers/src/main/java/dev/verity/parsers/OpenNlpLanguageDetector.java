package dev.verity.parsers;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.LanguageDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.langdetect.ThreadSafeLanguageDetectorME;

/**
 * Detects the main language of a text with Apache OpenNLP's language detector and its pre-trained model of 103
 * languages ({@code langdetect-183.bin}, shipped in {@code opennlp-models-langdetect}, so nothing is downloaded).
 *
 * <p>Returns the ISO 639-1 code ({@code "en"}, {@code "de"}, {@code "zh"} for the model's {@code "cmn"}…); for the few
 * languages that have no two-letter code it returns the model's ISO 639-3 code, as BCP 47 does. Returns
 * {@code "und"} when the text has fewer than {@value #MIN_LETTERS} letters or the best guess is not clearly ahead:
 * a wrong language is worse than none, since it selects the wrong stemmer.
 *
 * <p>Only the first {@value #MAX_SAMPLE_CHARS} characters are read: more does not change the verdict and costs time.
 * Loading the model takes about two seconds, so create one instance and share it; it is thread-safe.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {
    static final String MODEL_RESOURCE = "/langdetect-183.bin";
    /** Below this, character n-grams are too few to tell related languages apart. */
    static final int MIN_LETTERS = 20;

    static final int MAX_SAMPLE_CHARS = 10_000;
    /**
     * The best language must be this many times as likely as the runner-up. Measured with this model: about 2 for a
     * single sentence of English, German, French or Spanish, 3 to 15 for a paragraph, but 1.0 to 1.3 for gibberish,
     * product codes, table cells and lists of names.
     */
    private static final double MIN_CONFIDENCE_RATIO = 1.5;
    /**
     * Kana only occur in Japanese and Hangul only in Korean, so the script decides; the model, trained on mixed
     * kanji and kana, often ranks Chinese close to Japanese.
     */
    private static final double MIN_SCRIPT_SHARE = 0.1;
    /** Individual languages of a macrolanguage whose ISO 639-1 code belongs to the macrolanguage. */
    private static final Map<String, String> MACROLANGUAGE_MEMBERS = Map.ofEntries(
            Map.entry("cmn", "zh"), // Mandarin Chinese
            Map.entry("azj", "az"), // North Azerbaijani
            Map.entry("ekk", "et"), // Standard Estonian
            Map.entry("lvs", "lv"), // Standard Latvian
            Map.entry("pes", "fa"), // Iranian Persian
            Map.entry("plt", "mg"), // Plateau Malagasy
            Map.entry("pnb", "pa"), // Western Panjabi
            Map.entry("uzn", "uz"), // Northern Uzbek
            Map.entry("zsm", "ms"), // Standard Malay
            Map.entry("swh", "sw"), // Swahili
            Map.entry("khk", "mn"), // Halh Mongolian
            Map.entry("arb", "ar")); // Standard Arabic

    private final ThreadSafeLanguageDetectorME detector;
    private final Map<String, String> iso639_1;

    /** Loads the bundled model. */
    public OpenNlpLanguageDetector() {
        try (InputStream in = OpenNlpLanguageDetector.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the language model " + MODEL_RESOURCE
                        + " is not on the class path; add org.apache.opennlp:opennlp-models-langdetect");
            }
            this.detector = new ThreadSafeLanguageDetectorME(new LanguageDetectorModel(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the language model " + MODEL_RESOURCE, e);
        }
        this.iso639_1 = iso639Map();
    }

    @Override
    public String detect(String text) {
        if (text == null) {
            return ParsedDocument.UNDETERMINED_LANGUAGE;
        }
        String sample = text.length() > MAX_SAMPLE_CHARS ? text.substring(0, MAX_SAMPLE_CHARS) : text;
        int letters = 0;
        int kana = 0;
        int hangul = 0;
        for (int i = 0; i < sample.length(); ) {
            int cp = sample.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                    kana++;
                } else if (script == Character.UnicodeScript.HANGUL) {
                    hangul++;
                }
            }
        }
        if (letters < MIN_LETTERS) {
            return ParsedDocument.UNDETERMINED_LANGUAGE;
        }
        if (kana >= MIN_SCRIPT_SHARE * letters) {
            return "ja";
        }
        if (hangul >= MIN_SCRIPT_SHARE * letters) {
            return "ko";
        }
        Language[] ranked = detector.predictLanguages(sample);
        if (ranked.length == 0) {
            return ParsedDocument.UNDETERMINED_LANGUAGE;
        }
        if (ranked.length > 1 && ranked[0].getConfidence() < MIN_CONFIDENCE_RATIO * ranked[1].getConfidence()) {
            return ParsedDocument.UNDETERMINED_LANGUAGE;
        }
        return toIso639_1(ranked[0].getLang());
    }

    String toIso639_1(String iso639_3) {
        return iso639_1.getOrDefault(iso639_3, iso639_3);
    }

    private static Map<String, String> iso639Map() {
        Map<String, String> map = new HashMap<>();
        for (String twoLetter : Locale.getISOLanguages()) {
            try {
                map.putIfAbsent(Locale.of(twoLetter).getISO3Language(), twoLetter);
            } catch (MissingResourceException e) {
                // a two-letter code without a three-letter equivalent: nothing to map
            }
        }
        map.putAll(MACROLANGUAGE_MEMBERS);
        return Map.copyOf(map);
    }
}
