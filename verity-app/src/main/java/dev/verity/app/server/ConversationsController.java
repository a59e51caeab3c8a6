package dev.verity.app.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.verity.app.json.AnswerView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.app.server.security.Impersonation;
import dev.verity.conversation.Conversation;
import dev.verity.conversation.ConversationNotFoundException;
import dev.verity.conversation.ConversationService;
import dev.verity.conversation.ConversationService.Message;
import dev.verity.conversation.ConversationService.Reply;
import dev.verity.conversation.Turn;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.query.QueryRequest;
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
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Conversations: follow-up questions answered with the history in mind. Each message is condensed into a standalone
 * question before retrieval (by the configured model, or by rules), answered like {@code POST /v1/query}, and stored.
 * A conversation answers only to the exact principals that started it; anyone else gets 404, as for an unknown id.
 * Principals come from the caller's identity; only a caller with scope {@code impersonate} may name them
 * ({@link Impersonation}).
 */
@RestController
@RequestMapping("/v1/conversations")
class ConversationsController {
    private final ConversationService conversations;
    private final Impersonation impersonation;
    private final AnswerAccounting accounting;
    private final SpendControl spend;

    ConversationsController(
            ConversationService conversations,
            Impersonation impersonation,
            AnswerAccounting accounting,
            SpendControl spend) {
        this.spend = spend;
        this.accounting = accounting;
        this.conversations = conversations;
        this.impersonation = impersonation;
    }

    /** The body of {@code POST /v1/conversations}; {@code collection} defaults to {@code default}. */
    record StartBody(String collection, List<String> principals) {}

    /** A started conversation. */
    record ConversationCreated(
            String id,
            String collection,
            @JsonProperty("created_at") String createdAt) {}

    /** The body of {@code POST /v1/conversations/{id}/messages}. */
    record MessageBody(
            @NotBlank String question,
            List<String> principals,
            @JsonProperty("top_k") Integer topK,

            @Schema(
                    allowableValues = {"hybrid", "bm25", "vector"},
                    defaultValue = "hybrid")
            String mode,

            Boolean stream) {}

    /**
     * The answer object of {@code POST /v1/query}, plus where it sits in the conversation: {@code conversation_id},
     * {@code turn} (1 for the first question), {@code standalone_question} (what retrieval was given),
     * {@code condensed_by} ({@code none} for the first question, then {@code llm} or {@code rules}) and
     * {@code condense_fallback_reason} (why the model did not condense, e.g. {@code timeout}; null when it did or
     * none is configured).
     */
    record ConversationAnswer(
            @JsonUnwrapped AnswerView answer,
            @JsonProperty("conversation_id") String conversationId,
            int turn,
            @JsonProperty("standalone_question") String standaloneQuestion,
            @JsonProperty("condensed_by") String condensedBy,
            @JsonProperty("condense_fallback_reason") String condenseFallbackReason) {

        static ConversationAnswer of(Reply reply) {
            return new ConversationAnswer(
                    AnswerView.of(reply.result()),
                    reply.turn().conversationId(),
                    reply.turn().seq(),
                    reply.turn().standaloneQuestion(),
                    reply.turn().condensedBy(),
                    reply.condensed().fallbackReason().orElse(null));
        }
    }

    /** A conversation and its turns, oldest first. */
    record ConversationHistory(
            String id,
            String collection,
            @JsonProperty("created_at") String createdAt,
            List<TurnView> turns) {}

    /** One stored turn. */
    record TurnView(
            int turn,
            String question,
            @JsonProperty("standalone_question") String standaloneQuestion,
            @JsonProperty("condensed_by") String condensedBy,
            String answer,
            @JsonProperty("trace_id") String traceId,
            String generator,
            @JsonProperty("created_at") String createdAt) {

        static TurnView of(Turn t) {
            return new TurnView(
                    t.seq(),
                    t.question(),
                    t.standaloneQuestion(),
                    t.condensedBy(),
                    t.answer(),
                    t.traceId(),
                    t.generator(),
                    t.createdAt().toString());
        }
    }

    /** Starts a conversation about one collection, visible only to these exact principals. */
    @PostMapping
    @Operation(operationId = "startConversation", summary = "Start a conversation about one collection")
    @ApiResponse(responseCode = "201", description = "Started; Location names the conversation")
    ResponseEntity<ConversationCreated> start(
            @CurrentCaller(Scope.QUERY) Caller caller, @RequestBody(required = false) StartBody body) {
        StartBody b = body == null ? new StartBody(null, null) : body;
        String collection = b.collection() == null ? DocumentIds.DEFAULT_COLLECTION : b.collection();
        Caller acting = impersonation.resolve(caller, b.principals(), "POST /v1/conversations");
        Conversation conversation = conversations.start(acting, collection);
        return ResponseEntity.created(URI.create("/v1/conversations/" + conversation.id()))
                .body(new ConversationCreated(
                        conversation.id(),
                        conversation.collection(),
                        conversation.createdAt().toString()));
    }

    /**
     * Asks the next question of a conversation: answered as JSON, or streamed as server-sent events exactly like
     * {@code POST /v1/query} ({@link AnswerStream}), the {@code done} event carrying this same object.
     */
    @PostMapping(
            path = "/{id}/messages",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_EVENT_STREAM_VALUE})
    @Operation(operationId = "askInConversation", summary = "Ask the next question of a conversation")
    @ApiResponse(responseCode = "404", description = "No such conversation for these principals")
    @ApiResponse(
            responseCode = "200",
            description = "The answer, or its server-sent events",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = ConversationAnswer.class)),
                @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE)
            })
    Object message(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @PathVariable String id,
            @Valid @RequestBody MessageBody body,
            @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletRequest http,
            HttpServletResponse response) {
        Caller acting = impersonation.resolve(caller, body.principals(), "POST /v1/conversations/{id}/messages");
        Optional<String> traceId = TraceContextFilter.traceId(http);
        Payer payer = new Payer(acting.tenant(), acting.actor());
        Message message = new Message(
                body.question(),
                body.topK() == null ? QueryRequest.DEFAULT_TOP_K : body.topK(),
                body.mode() == null ? RetrievalMode.HYBRID : RetrievalMode.parse(body.mode()));
        if (conversations.find(acting, id).isEmpty()) {
            throw new ConversationNotFoundException(id); // before a stream starts: a real 404
        }
        if (!AnswerStream.requested(body.stream(), accept)) {
            ConversationAnswer answer = ConversationAnswer.of(
                    settle(caller, conversations.ask(acting, id, message, AnswerListener.none(), traceId)));
            BudgetWarnings.set(response, spend, payer);
            return answer;
        }
        BudgetWarnings.set(response, spend, payer);
        return AnswerStream.start(
                listener -> ConversationAnswer.of(
                        settle(caller, conversations.ask(acting, id, message, listener, traceId))),
                (ConversationAnswer answer) -> answer.answer().citations());
    }

    private Reply settle(Caller caller, Reply reply) {
        accounting.settle(caller, reply.result(), "POST /v1/conversations/{id}/messages");
        return reply;
    }

    /** The conversation's turns, oldest first. {@code principals}: comma-separated or repeated. */
    @GetMapping("/{id}")
    @Operation(operationId = "getConversation", summary = "A conversation's turns, oldest first")
    @ApiResponse(responseCode = "200", description = "The conversation")
    @ApiResponse(responseCode = "404", description = "No such conversation for these principals")
    ConversationHistory history(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @PathVariable String id,
            @RequestParam(value = "principals", required = false) List<String> principals) {
        Caller acting = impersonation.resolve(caller, principals, "GET /v1/conversations/{id}");
        Conversation conversation =
                conversations.find(acting, id).orElseThrow(() -> new ConversationNotFoundException(id));
        return new ConversationHistory(
                conversation.id(),
                conversation.collection(),
                conversation.createdAt().toString(),
                conversations.turns(acting, id).stream().map(TurnView::of).toList());
    }
}
