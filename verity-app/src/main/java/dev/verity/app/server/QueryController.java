package dev.verity.app.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.config.Dates;
import dev.verity.app.json.AnswerView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.app.server.security.Impersonation;
import dev.verity.document.DocumentIds;
import dev.verity.idempotency.IdempotentRequests;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.usage.budget.Payer;
import dev.verity.usage.budget.SpendControl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Questions in, verified answers out: as one JSON object, or streamed as server-sent events. */
@RestController
class QueryController {
    private final QueryService query;
    private final Impersonation impersonation;
    private final AnswerAccounting accounting;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;
    private final SpendControl spend;

    QueryController(
            QueryService query,
            IdempotentRequests idempotency,
            JsonMapper json,
            Impersonation impersonation,
            AnswerAccounting accounting,
            SpendControl spend) {
        this.spend = spend;
        this.accounting = accounting;
        this.impersonation = impersonation;
        this.query = query;
        this.idempotency = idempotency;
        this.json = json;
    }

    /**
     * The body of {@code POST /v1/query}. {@code principals} may be sent only by a caller with scope
     * {@code impersonate} (or the local caller of a loopback server without authentication): see {@link Impersonation}.
     */
    record QueryBody(
            String collection,
            @NotBlank String question,
            Filters filters,
            @JsonProperty("top_k") Integer topK,
            List<String> principals,

            @Schema(
                    allowableValues = {"hybrid", "bm25", "vector"},
                    defaultValue = "hybrid")
            String mode,

            Boolean stream) {}

    /** Metadata filters, applied inside the index. Dates are ISO-8601 instants or dates. */
    record Filters(
            List<String> sources,
            @JsonProperty("media_types") List<String> mediaTypes,
            List<String> languages,
            @JsonProperty("ingested_after") String ingestedAfter,
            @JsonProperty("ingested_before") String ingestedBefore) {}

    /**
     * Answers as JSON, or as server-sent events ({@link AnswerStream}) when the body says {@code "stream": true} or
     * the client accepts only {@code text/event-stream}. An {@code Idempotency-Key} makes a retry return the stored
     * answer without asking the model again.
     */
    @PostMapping(
            path = "/v1/query",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    @Operation(operationId = "query", summary = "Answer a question from a collection, with verified citations")
    @ApiResponse(
            responseCode = "200",
            description = "The answer, or its server-sent events",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = AnswerView.class)),
                @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE)
            })
    @ApiResponse(responseCode = "400", description = "Invalid request")
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key's first request is still running")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    Object query(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @Valid @RequestBody QueryBody body,
            @RequestHeader(value = "Accept", required = false) String accept,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http,
            HttpServletResponse response) {
        QueryRequest asked = request(body, impersonation.resolve(caller, body.principals(), "POST /v1/query"));
        // the caller's trace (its traceparent), or this request's server span: the answer's trace_id is that trace's
        QueryRequest request =
                TraceContextFilter.traceId(http).map(asked::withTraceId).orElse(asked);
        Payer payer = new Payer(request.filter().tenant(), request.actor());
        String hash = Idempotency.hash(
                json,
                "/v1/query",
                body.stream() == null
                        ? body
                        : new QueryBody(
                                body.collection(),
                                body.question(),
                                body.filters(),
                                body.topK(),
                                body.principals(),
                                body.mode(),
                                null));
        if (!AnswerStream.requested(body.stream(), accept)) {
            return Idempotency.apply(idempotency, json, caller, idempotencyKey, hash, AnswerView.class, () -> {
                AnswerView answer = AnswerView.of(accounting.settle(caller, query.ask(request), "POST /v1/query"));
                BudgetWarnings.set(response, spend, payer); // with this answer's cost counted
                return answer;
            });
        }
        BudgetWarnings.set(response, spend, payer); // a stream's headers go first: the spend before this answer
        return AnswerStream.start(
                listener -> Idempotency.apply(
                        idempotency,
                        json,
                        caller,
                        idempotencyKey,
                        hash,
                        AnswerView.class,
                        () -> AnswerView.of(accounting.settle(caller, query.ask(request, listener), "POST /v1/query"))),
                AnswerView::citations);
    }

    private static QueryRequest request(QueryBody body, Caller caller) {
        String collection = body.collection() == null ? DocumentIds.DEFAULT_COLLECTION : body.collection();
        SearchFilter filter = SearchFilter.of(caller, DocumentIds.requireCollection(collection));
        Filters f = body.filters();
        if (f != null) {
            filter = filter.withSources(set(f.sources()))
                    .withMediaTypes(set(f.mediaTypes()))
                    .withLanguages(set(f.languages()))
                    .withIngestedBetween(
                            Dates.parse(f.ingestedAfter(), "filters.ingested_after"),
                            Dates.parse(f.ingestedBefore(), "filters.ingested_before"));
        }
        return new QueryRequest(
                        body.question(),
                        filter,
                        body.topK() == null ? QueryRequest.DEFAULT_TOP_K : body.topK(),
                        body.mode() == null ? RetrievalMode.HYBRID : RetrievalMode.parse(body.mode()))
                .withActor(caller.actor());
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
