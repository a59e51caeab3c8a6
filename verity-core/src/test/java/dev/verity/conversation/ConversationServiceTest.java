package dev.verity.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flow around a message, with the real rule-based condenser and query service over a retriever that records what
 * it was asked; stores are proven against databases by their contract suite.
 */
class ConversationServiceTest {
    private final List<RetrievalRequest> retrieved = new ArrayList<>();
    private final List<List<Turn>> condenserSaw = new ArrayList<>();
    private final InMemoryStore store = new InMemoryStore();
    private final ConversationService service = new ConversationService(
            store,
            new QueryService(
                    (request, tracer) -> {
                        retrieved.add(request);
                        return List.of();
                    },
                    (request, listener) -> new Answer("Answer to: " + request.question(), true, 0, List.of())),
            (history, followUp) -> {
                condenserSaw.add(history);
                return new RuleBasedCondenser().condense(history, followUp);
            },
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void answersTheStandaloneQuestionInTheConversationsCollectionWithItsPrincipals() {
        Conversation c = service.start(Caller.local(Set.of("staff", "hr")), "handbook");
        ConversationService.Reply first = service.ask(
                Caller.local(Set.of("hr", "staff")),
                c.id(),
                new ConversationService.Message("What is the vacation policy for staff?"),
                AnswerListener.none());

        ConversationService.Reply second = service.ask(
                Caller.local(Set.of("hr", " staff")),
                c.id(),
                new ConversationService.Message("How many days do they get?"),
                AnswerListener.none());

        assertThat(first.condensed())
                .isEqualTo(QuestionCondenser.Condensed.unchanged("What is the vacation policy for staff?"));
        assertThat(first.turn().seq()).isEqualTo(1);
        assertThat(second.turn().seq()).isEqualTo(2);
        assertThat(second.condensed().condensedBy()).isEqualTo(QuestionCondenser.RULES);
        assertThat(second.turn().standaloneQuestion()).isEqualTo("How many days do the vacation policy for staff get?");
        assertThat(retrieved.getLast().query()).isEqualTo(second.turn().standaloneQuestion());
        assertThat(retrieved.getLast().filter().collection()).isEqualTo("handbook");
        assertThat(retrieved.getLast().filter().principals()).containsExactlyInAnyOrder("staff", "hr");
        assertThat(second.turn().answer()).isEqualTo(second.result().answer().text());
        assertThat(second.turn().traceId()).isEqualTo(second.result().traceId());
        assertThat(second.result().timingsMs().keySet()).startsWith("condense");
        assertThat(service.turns(Caller.local(Set.of("staff", "hr")), c.id()))
                .containsExactly(first.turn(), second.turn());
    }

    @Test
    void theCondenserSeesOnlyTheLastSixTurns() {
        Caller anonymous = Caller.local(Set.of());
        Conversation c = service.start(anonymous, "default");
        for (int i = 1; i <= 9; i++) {
            service.ask(
                    anonymous,
                    c.id(),
                    new ConversationService.Message("Question number " + i + "?"),
                    AnswerListener.none());
        }

        assertThat(condenserSaw).hasSize(8);
        assertThat(condenserSaw.getLast()).extracting(Turn::seq).containsExactly(3, 4, 5, 6, 7, 8);
    }

    @Test
    void otherPrincipalsCannotTellTheConversationFromAMissingOne() {
        Caller hr = Caller.local(Set.of("hr"));
        Conversation c = service.start(hr, "default");

        List<Caller> others = List.of(
                Caller.local(Set.of()),
                Caller.local(Set.of("sales")),
                Caller.local(Set.of("hr", "sales")),
                Caller.local(Set.of("HR")),
                new Caller("globex", Set.of("hr"), Set.of(Scope.QUERY), "key:k_globex"));
        for (Caller other : others) {
            assertThat(service.find(other, c.id())).isEmpty();
            assertThatThrownBy(() ->
                            service.ask(other, c.id(), new ConversationService.Message("Why?"), AnswerListener.none()))
                    .isInstanceOf(ConversationNotFoundException.class)
                    .hasMessage(new ConversationNotFoundException(c.id()).getMessage());
            assertThatThrownBy(() -> service.turns(other, c.id())).isInstanceOf(ConversationNotFoundException.class);
        }
        assertThatThrownBy(() -> service.turns(hr, "conv_missing")).isInstanceOf(ConversationNotFoundException.class);
        assertThat(store.turns).isEmpty();
        assertThat(service.find(hr, c.id())).contains(c);
        assertThat(service.find(Caller.local(Set.of("hr\u00a0")), c.id()))
                .as("principals compare in their normal form, on every path")
                .contains(c);
    }

    @Test
    void aConversationStartedInOneTenantIsStoredAndSearchedInThatTenant() {
        Caller globex = new Caller("globex", Set.of("hr"), Set.of(Scope.QUERY), "key:k_globex");
        Conversation c = service.start(globex, "default");

        service.ask(globex, c.id(), new ConversationService.Message("Why?"), AnswerListener.none());

        assertThat(c.tenant()).isEqualTo("globex");
        assertThat(retrieved.getLast().filter().tenant()).isEqualTo("globex");
        assertThat(service.find(Caller.local(Set.of("hr")), c.id())).isEmpty();
    }

    @Test
    void rejectsBadInputNamingTheProblem() {
        assertThatThrownBy(() -> service.start(Caller.local(Set.of()), "Bad Name"))
                .hasMessageContaining("collection must match");
        assertThatThrownBy(() -> new ConversationService.Message(" "))
                .hasMessage("question must not be blank, got \" \"");
        assertThatThrownBy(() -> new ConversationService.Message("x".repeat(2_001)))
                .hasMessageStartingWith("question must be at most 2000 characters, got 2001: ask a shorter question");
        assertThatThrownBy(() -> Caller.local(Set.of("a\nb")))
                .hasMessageStartingWith("a principal must not contain spaces or control characters");
        assertThatThrownBy(() -> new ConversationService.Message("Why?", 0, RetrievalMode.HYBRID))
                .hasMessage("top_k must be in 1..100, got 0");
    }

    /** Just enough of a store for the flow; the JDBC store passes the contract suite. */
    private static final class InMemoryStore implements ConversationStore {
        final Map<String, Conversation> conversations = new HashMap<>();
        final List<Turn> turns = new ArrayList<>();

        @Override
        public void create(Conversation conversation) {
            conversations.put(conversation.id(), conversation);
        }

        @Override
        public Optional<Conversation> find(String tenant, String conversationId) {
            return Optional.ofNullable(conversations.get(conversationId))
                    .filter(c -> c.tenant().equals(tenant));
        }

        @Override
        public Turn append(String conversationId, Turn.Draft draft) {
            int seq = (int) turns.stream()
                            .filter(t -> t.conversationId().equals(conversationId))
                            .count()
                    + 1;
            Turn turn = draft.numbered(conversationId, seq);
            turns.add(turn);
            return turn;
        }

        @Override
        public List<Turn> recent(String conversationId, int limit) {
            List<Turn> mine = turns.stream()
                    .filter(t -> t.conversationId().equals(conversationId))
                    .toList();
            return mine.subList(Math.max(0, mine.size() - limit), mine.size());
        }
    }
}
