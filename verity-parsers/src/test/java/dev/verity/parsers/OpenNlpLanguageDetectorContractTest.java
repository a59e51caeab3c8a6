package dev.verity.parsers;

import dev.verity.ingestion.LanguageDetector;
import dev.verity.testkit.contracts.LanguageDetectorContract;

/** The OpenNLP detector keeps the language detector contract; its own languages and limits are in its unit test. */
class OpenNlpLanguageDetectorContractTest extends LanguageDetectorContract {
    private static final OpenNlpLanguageDetector DETECTOR = new OpenNlpLanguageDetector();

    @Override
    protected LanguageDetector detector() {
        return DETECTOR;
    }
}
