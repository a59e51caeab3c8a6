package dev.verity.app.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.Dates;
import dev.verity.app.Verity;
import dev.verity.app.json.AnswerView;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
import dev.verity.retrieval.RetrievalMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Questions in, verified answers out. */
@RestController
class QueryController {
    private final Verity verity;

    QueryController(Verity verity) {
        this.verity = verity;
    }

    /**
     * The body of {@code POST /v1/query}. Until authentication exists, {@code principals} is taken from the body,
     * which is acceptable only because the server binds to loopback by default.
     */
    record QueryBody(
            String collection,
            @NotBlank String question,
            Filters filters,
            @JsonProperty("top_k") Integer topK,
            List<String> principals,
            String mode) {}

    /** Metadata filters, applied inside the index. Dates are ISO-8601 instants or dates. */
    record Filters(
            List<String> sources,
            @JsonProperty("media_types") List<String> mediaTypes,
            List<String> languages,
            @JsonProperty("ingested_after") String ingestedAfter,
            @JsonProperty("ingested_before") String ingestedBefore) {}

    @PostMapping("/v1/query")
    AnswerView query(@Valid @RequestBody QueryBody body) {
        String collection = body.collection() == null ? DocumentIds.DEFAULT_COLLECTION : body.collection();
        SearchFilter filter = SearchFilter.collection(DocumentIds.requireCollection(collection))
                .withPrincipals(set(body.principals()));
        Filters f = body.filters();
        if (f != null) {
            filter = filter.withSources(set(f.sources()))
                    .withMediaTypes(set(f.mediaTypes()))
                    .withLanguages(set(f.languages()))
                    .withIngestedBetween(Dates.parse(f.ingestedAfter(), "filters.ingested_after"),
                            Dates.parse(f.ingestedBefore(), "filters.ingested_before"));
        }
        QueryRequest request = new QueryRequest(
                body.question(),
                filter,
                body.topK() == null ? QueryRequest.DEFAULT_TOP_K : body.topK(),
                body.mode() == null ? RetrievalMode.HYBRID : RetrievalMode.parse(body.mode()));
        return AnswerView.of(verity.query().ask(request));
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
