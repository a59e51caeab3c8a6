package dev.verity.parsers.contract;

import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.parsers.TikaDocumentParser;
import dev.verity.testkit.contracts.DocumentParserContract;

/** The in-process parser keeps the parser contract. */
class TikaDocumentParserContractTest extends DocumentParserContract {
    private static final DocumentParser PARSER = new TikaDocumentParser();

    @Override
    protected DocumentParser parser() {
        return PARSER;
    }
}
