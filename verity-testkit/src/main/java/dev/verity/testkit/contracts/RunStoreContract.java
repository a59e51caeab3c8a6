package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.runs.AnswerRun;
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
