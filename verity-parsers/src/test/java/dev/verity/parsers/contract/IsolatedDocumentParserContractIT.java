package dev.verity.parsers.contract;

import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.parsers.isolation.IsolatedDocumentParser;
import dev.verity.parsers.isolation.IsolationSettings;
import dev.verity.testkit.contracts.DocumentParserContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The parser in child processes keeps the same contract as the in-process one. */
class IsolatedDocumentParserContractIT extends DocumentParserContract {
    private static IsolatedDocumentParser parser;

    @BeforeAll
    static void startPool() {
        parser = new IsolatedDocumentParser(IsolationSettings.defaults(2));
    }

    @AfterAll
    static void stopPool() {
        parser.close();
    }

    @Override
    protected DocumentParser parser() {
        return parser;
    }
}
