package dev.verity.app.cli;

import dev.verity.app.config.Dates;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
import dev.verity.retrieval.RetrievalMode;
import java.util.Set;
import picocli.CommandLine.Option;

/** Collection, caller and filter options of a question. */
final class QueryOptions {
    @Option(
            names = "--collection",
            paramLabel = "NAME",
            defaultValue = DocumentIds.DEFAULT_COLLECTION,
            description = "Collection to ask. Default: ${DEFAULT-VALUE}.")
    String collection;

    @Option(
            names = "--as",
            paramLabel = "P1,P2…",
            split = ",",
            description = "Principals of the caller: restricted documents are visible only to holders.")
    Set<String> principals = Set.of();

    @Option(
            names = "--top-k",
            paramLabel = "N",
            defaultValue = "" + QueryRequest.DEFAULT_TOP_K,
            description = "Chunks retrieved as evidence. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "hybrid",
            description = "Retrieval: hybrid, bm25 or vector. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--source", paramLabel = "NAME", description = "Only these sources (repeatable).")
    Set<String> sources = Set.of();

    @Option(names = "--type", paramLabel = "MEDIA_TYPE", description = "Only these media types (repeatable).")
    Set<String> mediaTypes = Set.of();

    @Option(names = "--language", paramLabel = "CODE", description = "Only these languages, e.g. en (repeatable).")
    Set<String> languages = Set.of();

    @Option(
            names = "--after",
            paramLabel = "DATE",
            description = "Only documents ingested at or after DATE " + "(2026-01-31 or an ISO instant).")
    String after;

    @Option(names = "--before", paramLabel = "DATE", description = "Only documents ingested before DATE.")
    String before;

    QueryRequest request(String question) {
        SearchFilter filter = SearchFilter.collection(DocumentIds.requireCollection(collection))
                .withPrincipals(principals)
                .withSources(sources)
                .withMediaTypes(mediaTypes)
                .withLanguages(languages)
                .withIngestedBetween(Dates.parse(after, "--after"), Dates.parse(before, "--before"));
        return new QueryRequest(question, filter, topK, RetrievalMode.parse(mode));
    }
}
