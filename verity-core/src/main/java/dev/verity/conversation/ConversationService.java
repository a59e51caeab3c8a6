package dev.verity.conversation;

import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.identity.Caller;
import dev.verity.index.SearchFilter;
import dev.verity.internal.Checks;
import dev.verity.observability.Tracer;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.usage.UsageLedger;
import dev.verity.usage.budget.Payer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Questions asked within a conversation. For each message:
 *
 * <ol>
 *   <li>Find the conversation in the caller's tenant (the store filters by it); a caller whose principals differ from
 *       the conversation's gets {@link ConversationNotFoundException}, exactly as for an unknown id.
 *   <li>Load the last {@link #HISTORY_TURNS} turns ({@link ConversationStore}).
 *   <li>Condense the question into a standalone one ({@link QuestionCondenser}); the first question is used as asked.
 *       Timed as {@code condense}.
 *   <li>Answer the standalone question in the conversation's collection with its principals
 *       ({@link QueryService}), streaming to the listener.
 *   <li>Append the turn: question as typed, standalone question, answer, trace id, generator.
 * </ol>
 *
 * <pre>{@code
 * Caller staff = Caller.local(Set.of("staff"));
 * Conversation c = conversations.start(staff, "default");
 * conversations.ask(staff, c.id(), new Message("What is the vacation policy for staff?"), listener);
 * Reply r = conversations.ask(staff, c.id(), new Message("How many days do they get?"), listener);
 * r.condensed().question(); // "How many days do the vacation policy for staff get?"
 * r.turn().seq();           // 2
 * }</pre>
 */
public final class ConversationService {
    /** Turns of history the condenser sees: enough for any reference a person makes back, and bounded. */
    public static final int HISTORY_TURNS = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConversationStore store;
    private final QueryService query;
    private final QuestionCondenser condenser;
    private final UsageLedger ledger;
    private final Clock clock;
    private final Tracer tracer;

    /**
     * @param ledger where a condensing model call is charged (as tokens and cost, not as an answer: the answer that
     *     follows is counted by the query service)
     */
    public ConversationService(
            ConversationStore store, QueryService query, QuestionCondenser condenser, UsageLedger ledger, Clock clock) {
        this(store, query, condenser, ledger, clock, Tracer.noop());
    }

    private ConversationService(
            ConversationStore store,
            QueryService query,
            QuestionCondenser condenser,
            UsageLedger ledger,
            Clock clock,
            Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.store = Objects.requireNonNull(store, "store");
        this.query = Objects.requireNonNull(query, "query");
        this.condenser = Objects.requireNonNull(condenser, "condenser");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The same service, tracing each condensing step on {@code tracer} as a span {@code condense} (attributes
     * {@code condensed_by}, {@code history_turns}, and {@code fallback_reason} when the preferred condenser was not
     * used); the answer that follows is traced by the query service.
     */
    public ConversationService withTracer(Tracer tracer) {
        return new ConversationService(store, query, condenser, ledger, clock, tracer);
    }

    /** A conversation service that charges no ledger. */
    public ConversationService(ConversationStore store, QueryService query, QuestionCondenser condenser, Clock clock) {
        this(store, query, condenser, UsageLedger.none(), clock);
    }

    /**
     * A question in a conversation.
     *
     * @param question as typed, at most {@link QueryRequest#MAX_QUESTION_CHARS} characters
     * @param topK how many chunks to retrieve as evidence
     * @param mode which retrieval legs run
     */
    public record Message(String question, int topK, RetrievalMode mode) {
        public Message {
            Checks.nonBlank(question, "question");
            if (question.length() > QueryRequest.MAX_QUESTION_CHARS) {
                throw new IllegalArgumentException("question must be at most " + QueryRequest.MAX_QUESTION_CHARS
                        + " characters, got " + question.length()
                        + ": ask a shorter question (to search a document's text, ingest the document instead)");
            }
            if (topK < 1 || topK > QueryRequest.MAX_TOP_K) {
                throw new IllegalArgumentException("top_k must be in 1.." + QueryRequest.MAX_TOP_K + ", got " + topK);
            }
            Objects.requireNonNull(mode, "mode");
        }

        public Message(String question) {
            this(question, QueryRequest.DEFAULT_TOP_K, RetrievalMode.HYBRID);
        }
    }

    /**
     * The answer to a message.
     *
     * @param turn the stored turn; {@link Turn#seq()} is its number in the conversation
     * @param condensed the standalone question and the condenser that wrote it
     * @param result the answer, its evidence and timings (with {@code condense} first)
     */
    public record Reply(Turn turn, QuestionCondenser.Condensed condensed, QueryResult result) {
        public Reply {
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(condensed, "condensed");
            Objects.requireNonNull(result, "result");
        }
    }

    /** Starts a conversation about {@code collection}, visible only to the caller's tenant and exact principals. */
    public Conversation start(Caller caller, String collection) {
        Conversation conversation = new Conversation(
                newId(),
                caller.tenant(),
                DocumentIds.requireCollection(collection),
                caller.principals(),
                clock.instant());
        store.create(conversation);
        return conversation;
    }

    /** The conversation, when it exists in the caller's tenant and the caller's are its principals. */
    public Optional<Conversation> find(Caller caller, String conversationId) {
        Objects.requireNonNull(caller, "caller");
        if (conversationId == null || conversationId.isBlank() || conversationId.length() > Conversation.MAX_ID_CHARS) {
            return Optional.empty();
        }
        return store.find(caller.tenant(), conversationId).filter(c -> c.visibleTo(caller));
    }

    /** Every turn of the conversation, oldest first. */
    public List<Turn> turns(Caller caller, String conversationId) {
        Conversation conversation = require(caller, conversationId);
        return store.recent(conversation.id(), Integer.MAX_VALUE);
    }

    /** Answers a question in the conversation and stores it as the next turn. */
    public Reply ask(Caller caller, String conversationId, Message message, AnswerListener listener) {
        return ask(caller, conversationId, message, listener, Optional.empty());
    }

    /**
     * Answers a question in the conversation as part of the trace {@code traceId} (the caller's {@code traceparent};
     * see {@link QueryRequest#withTraceId}), and stores it as the next turn.
     */
    public Reply ask(
            Caller caller, String conversationId, Message message, AnswerListener listener, Optional<String> traceId) {
        Conversation conversation = require(caller, conversationId);
        List<Turn> history = store.recent(conversation.id(), HISTORY_TURNS);
        long start = System.nanoTime();
        QuestionCondenser.Condensed condensed;
        try (Tracer.Span span = tracer.start("condense")) {
            condensed = history.isEmpty()
                    ? QuestionCondenser.Condensed.unchanged(message.question())
                    : new Payer(conversation.tenant(), caller.actor())
                            .callAs(() -> condenser.condense(history, message.question(), tracer)); // budgeted
            span.attribute("condensed_by", condensed.condensedBy()).attribute("history_turns", history.size());
            condensed.fallbackReason().ifPresent(reason -> span.attribute("fallback_reason", reason));
        }
        long condenseNanos = System.nanoTime() - start;
        condensed
                .model()
                .ifPresent(model -> ledger.record(new UsageLedger.Entry(
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                        conversation.tenant(),
                        UsageLedger.caller(conversation.principals()),
                        caller.actor(),
                        conversation.collection(),
                        model,
                        0,
                        condensed.usage().inputTokens(),
                        condensed.usage().outputTokens(),
                        condensed.costUsd())));
        SearchFilter filter = SearchFilter.collection(conversation.collection())
                .withTenant(conversation.tenant())
                .withPrincipals(conversation.principals());
        int depth = history.isEmpty() ? 0 : history.getLast().seq(); // turns so far, beyond the history window too
        QueryRequest request = new QueryRequest(condensed.question(), filter, message.topK(), message.mode(), depth)
                .withActor(caller.actor());
        QueryResult answered = query.ask(traceId.map(request::withTraceId).orElse(request), listener);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("condense", condenseNanos / 1_000_000);
        timings.putAll(answered.timingsMs());
        timings.merge("total", condenseNanos / 1_000_000, Long::sum);
        QueryResult result = new QueryResult(
                answered.answer(),
                answered.traceId(),
                timings,
                answered.evidence(),
                answered.droppedCitations(),
                answered.cached(),
                answered.refusal());
        Turn turn = store.append(
                conversation.id(),
                new Turn.Draft(
                        message.question(),
                        condensed.question(),
                        condensed.condensedBy(),
                        result.answer().text(),
                        result.traceId(),
                        result.answer().generation().generator(),
                        clock.instant()));
        return new Reply(turn, condensed, result);
    }

    private Conversation require(Caller caller, String conversationId) {
        return find(caller, conversationId).orElseThrow(() -> new ConversationNotFoundException(conversationId));
    }

    /** {@code conv_} and 16 random bytes in hex: unguessable, though access never relies on it. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "conv_" + HexFormat.of().formatHex(bytes);
    }
}
