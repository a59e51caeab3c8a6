package dev.verity.parsers.contract;

import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.testkit.contracts.DocumentParserContract;

/** The in-process parser keeps the parser contract. */
class RoutingDocumentParserContractTest extends DocumentParserContract {
    private static final DocumentParser PARSER = new RoutingDocumentParser();

    @Override
    protected DocumentParser parser() {
        return PARSER;
    }
}
