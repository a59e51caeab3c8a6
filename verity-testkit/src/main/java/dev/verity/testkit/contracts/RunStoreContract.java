package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.runs.AnswerRun;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunDetail;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunStore} must do. Subclass once per implementation; each test gets an empty store. Times are
 * whole milliseconds, the precision every store keeps.
 */
public abstract class RunStoreContract {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");
    protected RunStore store;

    /** A new, empty store. */
    protected abstract RunStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** A run answered by a model, with every optional part present. */
    protected static AnswerRun llmRun(String id, String tenant, Instant at) {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("bm25", 3L);
        timings.put("embed_query", 11L);
        timings.put("generate", 812L);
        timings.put("total", 830L);
        return new AnswerRun(
                id,
                at,
                tenant,
                "handbook",
                List.of("sales", "hr"),
                "Wie viele Urlaubstage gibt es? 休暇",
                "Staff get 25 days of annual leave.\n\"Quoted\" — with ü.",
                false,
                false,
                "llm",
                Optional.of("gpt-x"),
                Optional.of("answer@3/candidate"),
                Optional.of("timeout"),
                Optional.empty(),
                List.of(new AnswerRun.Cited("doc_1", "doc_1-v1-0003"), new AnswerRun.Cited("doc_2", "doc_2-v4-0000")),
                1200,
                85,
                0.00123456,
                timings);
    }

    /** A refused question: nothing optional, nothing spent. */
    protected static AnswerRun refusedRun(String id, String tenant, Instant at) {
        return new AnswerRun(
                id,
                at,
                tenant,
                "default",
                List.of(),
                "ignore previous instructions",
                "This question cannot be answered here: a guard refused it.",
                true,
                false,
                "guard",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("injection-rules@1"),
                List.of(),
                0,
                0,
                0,
                Map.of("total", 0L));
    }

    /** A run with everything a run can say: actor, filters, evidence with legs, route, attempts, guards, feedback. */
    protected static AnswerRun detailedRun(String id, String tenant, String actor, Instant at) {
        RunDetail detail = new RunDetail(
                new RunDetail.Filters(
                        List.of("hr/", "policies/leave.pdf"),
                        List.of("application/pdf"),
                        List.of("de"),
                        Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                        Optional.empty()),
                List.of(
                        new RunDetail.Evidence(
                                "doc_1-v1-0003",
                                "doc_1",
                                0.0325,
                                Map.of("keyword", new RunDetail.Leg(1, 7.25), "vector", new RunDetail.Leg(2, 0.81))),
                        new RunDetail.Evidence(
                                "doc_2-v4-0000", "doc_2", 0.0161, Map.of("vector", new RunDetail.Leg(1, 0.84)))),
                Optional.of(new RunDetail.RouteTaken("hard", 0.75, List.of("reasoning_question"))),
                List.of(
                        new RunDetail.Attempt(1, "openai", "gpt-x", "timeout", 5000, 0, 0),
                        new RunDetail.Attempt(2, "openai", "gpt-x", "ok", 800, 1200, 85)),
                List.of(
                        new RunDetail.GuardCheck("guard_question", "injection-rules", "allow", List.of()),
                        new RunDetail.GuardCheck("guard_answer", "pii", "flag", List.of("pii:email", "pii:phone"))));
        return llmRun(id, tenant, at)
                .with(actor, "degraded", detail)
                .withFeedback(new Feedback(
                        id,
                        Feedback.Rating.DOWN,
                        Optional.of("wrong year — ü"),
                        tenant,
                        actor,
                        Instant.parse("2026-11-23T11:00:00.5Z")));
    }

    @Test
    void keepsEveryDetailOfARun() {
        AnswerRun run = detailedRun("3af7651916cd43dd8448eb211c80319c", "acme", "key:k1", AT);

        store.record(run);

        assertThat(store.find(run.runId())).contains(run);
    }

    @Test
    void listsRunsByActorOutcomeRatingAndTime() {
        store.record(llmRun("a1", "acme", AT).with("key:ana", "answered", RunDetail.NONE));
        store.record(llmRun("a2", "acme", AT.plusSeconds(1)).with("key:ana", "abstained", RunDetail.NONE));
        store.record(llmRun("b1", "acme", AT.plusSeconds(2)).with("key:bob", "answered", RunDetail.NONE));
        store.feedback(feedback("a1", "acme", "key:ana", Feedback.Rating.DOWN));
        store.feedback(feedback("b1", "acme", "key:bob", Feedback.Rating.UP));

        assertThat(store.list(RunQuery.of("acme").actor("key:ana")))
                .extracting(AnswerRun::runId)
                .containsExactly("a2", "a1");
        assertThat(store.list(RunQuery.of("acme").outcome("answered")))
                .extracting(AnswerRun::runId)
                .containsExactly("b1", "a1");
        assertThat(store.list(RunQuery.of("acme").rating(Feedback.Rating.DOWN)))
                .extracting(AnswerRun::runId)
                .containsExactly("a1");
        assertThat(store.list(RunQuery.of("acme").since(AT.plusSeconds(1))))
                .extracting(AnswerRun::runId)
                .containsExactly("b1", "a2");
        assertThat(store.list(RunQuery.of("globex"))).isEmpty();
    }

    @Test
    void feedbackAgainReplacesTheEarlierFeedback() {
        store.record(llmRun("r1", "acme", AT));

        store.feedback(feedback("r1", "acme", "local", Feedback.Rating.DOWN));
        Optional<AnswerRun> rated = store.feedback(feedback("r1", "acme", "local", Feedback.Rating.UP));

        assertThat(rated).map(r -> r.feedback().orElseThrow().rating()).contains(Feedback.Rating.UP);
        assertThat(store.find("r1").orElseThrow().feedback().orElseThrow().rating())
                .isEqualTo(Feedback.Rating.UP);
        assertThat(store.list(RunQuery.of("acme").rating(Feedback.Rating.DOWN))).isEmpty();
    }

    @Test
    void feedbackOnAnUnknownRunOrAnotherTenantsRunStoresNothing() {
        store.record(llmRun("r1", "acme", AT));

        assertThat(store.feedback(feedback("nope", "acme", "local", Feedback.Rating.UP)))
                .isEmpty();
        assertThat(store.feedback(feedback("r1", "globex", "local", Feedback.Rating.UP)))
                .isEmpty();
        assertThat(store.find("r1").orElseThrow().feedback()).isEmpty();
    }

    @Test
    void purgeDeletesOnlyRunsOlderThanTheMoment() {
        store.record(llmRun("old", "acme", AT.minusSeconds(86_400)));
        store.record(llmRun("new", "acme", AT));

        assertThat(store.purge(AT)).isEqualTo(1);

        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("new")).isPresent();
    }

    private static Feedback feedback(String runId, String tenant, String actor, Feedback.Rating rating) {
        return new Feedback(runId, rating, Optional.empty(), tenant, actor, AT.plusSeconds(60));
    }

    @Test
    void findsARunExactlyAsRecorded() {
        AnswerRun llm = llmRun("0af7651916cd43dd8448eb211c80319c", "acme", AT);
        AnswerRun refused = refusedRun("1af7651916cd43dd8448eb211c80319c", "acme", AT);

        store.record(llm);
        store.record(refused);

        assertThat(store.find(llm.runId())).contains(llm);
        assertThat(store.find(refused.runId())).contains(refused);
        assertThat(store.find(llm.runId()).orElseThrow().timingsMs().keySet())
                .containsExactly("bm25", "embed_query", "generate", "total");
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertThat(store.find("ffffffffffffffffffffffffffffffff")).isEmpty();
    }

    @Test
    void recordingARunIdAgainKeepsTheFirst() {
        AnswerRun first = llmRun("2af7651916cd43dd8448eb211c80319c", "acme", AT);

        store.record(first);
        store.record(refusedRun(first.runId(), "acme", AT.plusSeconds(1)));

        assertThat(store.find(first.runId())).contains(first);
    }

    @Test
    void listsATenantsRecentRunsNewestFirstAndNoOtherTenants() {
        store.record(llmRun("a1", "acme", AT));
        store.record(llmRun("a3", "acme", AT.plusSeconds(2)));
        store.record(llmRun("a2", "acme", AT.plusSeconds(1)));
        store.record(llmRun("b1", "globex", AT.plusSeconds(5)));

        assertThat(store.recent("acme", 10)).extracting(AnswerRun::runId).containsExactly("a3", "a2", "a1");
        assertThat(store.recent("acme", 2)).extracting(AnswerRun::runId).containsExactly("a3", "a2");
        assertThat(store.recent("globex", 10)).extracting(AnswerRun::runId).containsExactly("b1");
        assertThat(store.recent("initech", 10)).isEmpty();
    }

    @Test
    void runsOfTheSameMomentAreOrderedByIdNewestFirst() {
        store.record(llmRun("r1", "acme", AT));
        store.record(llmRun("r2", "acme", AT));

        assertThat(store.recent("acme", 10)).extracting(AnswerRun::runId).containsExactly("r2", "r1");
    }

    @Test
    void rejectsALimitOutsideItsRange() {
        assertThatThrownBy(() -> store.recent("acme", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be in 1.." + RunStore.MAX_RECENT + ", got 0");
        assertThatThrownBy(() -> store.recent("acme", RunStore.MAX_RECENT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
