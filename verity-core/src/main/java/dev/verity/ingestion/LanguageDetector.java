package dev.verity.ingestion;

/**
 * Names the main language of a text. Implementations: {@code OpenNlpLanguageDetector} in {@code verity-parsers}.
 */
public interface LanguageDetector {

    /** @return an ISO 639-1 code such as {@code "en"}, or {@code "und"} when the text is too short or unclear */
    String detect(String text);
}
