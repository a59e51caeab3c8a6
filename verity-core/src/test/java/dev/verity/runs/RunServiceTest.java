package dev.verity.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunServiceTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final RunViewer ANA = RunViewer.caller("acme", "key:ana", Set.of("user:ana"));
    private static final RunViewer BOB = RunViewer.caller("acme", "key:bob", Set.of("user:bob"));
    private static final RunViewer ACME_ADMIN = RunViewer.admin("acme", "key:root", Set.of("user:root"));
    private static final RunViewer GLOBEX_ADMIN = RunViewer.admin("globex", "key:root", Set.of("user:root"));

    private final InMemoryRunStore store = new InMemoryRunStore();
    private final RunService runs =
            new RunService(store, c -> c.replace("ana.berg@example.com", "[email]"), Clock.fixed(AT, ZoneOffset.UTC));

    private static AnswerRun run(String id, String tenant, String actor, String outcome, Instant at) {
        return new AnswerRun(
                        id,
                        at,
                        tenant,
                        "default",
                        List.of(),
                        "How many days?",
                        "25 days.",
                        false,
                        false,
                        "extractive",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        0,
                        0,
                        0,
                        Map.of("total", 3L))
                .with(actor, outcome, RunDetail.NONE);
    }

    @Test
    void aCallerSeesOnlyTheirOwnRunsAndAnAdminTheTenants() {
        store.record(run("a1", "acme", "key:ana", "answered", AT));
        store.record(run("b1", "acme", "key:bob", "answered", AT.plusSeconds(1)));
        store.record(run("g1", "globex", "key:ana", "answered", AT.plusSeconds(2)));

        assertThat(runs.list(ANA, RunQuery.of("acme")))
                .extracting(AnswerRun::runId)
                .containsExactly("a1");
        assertThat(runs.list(ANA, RunQuery.of("globex")))
                .as("the viewer's tenant, whatever the query says")
                .extracting(AnswerRun::runId)
                .containsExactly("a1");
        assertThat(runs.list(ACME_ADMIN, RunQuery.of("acme")))
                .extracting(AnswerRun::runId)
                .containsExactly("b1", "a1");
        assertThat(runs.find(BOB, "a1")).isEmpty();
        assertThat(runs.find(GLOBEX_ADMIN, "a1")).isEmpty();
        assertThat(runs.find(ACME_ADMIN, "a1")).isPresent();
    }

    @Test
    void anAdminWithoutTheRunsPrincipalsSeesWhoAskedWhatButNotWhatTheDocumentsSaid() {
        AnswerRun board = run("b1", "acme", "key:ana", "answered", AT)
                .withFeedback(new Feedback(
                        "b1", Feedback.Rating.DOWN, Optional.empty(), "acme", "key:ana", AT.plusSeconds(1)));
        AnswerRun boardRun = new AnswerRun(
                        board.runId(),
                        board.at(),
                        board.tenant(),
                        board.collection(),
                        List.of("group:board"),
                        board.question(),
                        "The merger closes in May.",
                        false,
                        false,
                        "llm",
                        Optional.of("gpt-x"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(new AnswerRun.Cited("doc_minutes", "doc_minutes-v1-0000")),
                        10,
                        2,
                        0.001,
                        Map.of("total", 3L))
                .with(
                        "key:ana",
                        "answered",
                        new RunDetail(
                                new RunDetail.Filters(
                                        List.of("minutes.pdf"),
                                        List.of(),
                                        List.of(),
                                        Optional.empty(),
                                        Optional.empty()),
                                List.of(new RunDetail.Evidence("doc_minutes-v1-0000", "doc_minutes", 0.03, Map.of())),
                                Optional.empty(),
                                List.of(new RunDetail.Attempt(1, "openai", "gpt-x", "ok", 700, 10, 2)),
                                List.of()))
                .withFeedback(board.feedback().orElseThrow());
        store.record(boardRun);
        RunViewer boardAdmin = RunViewer.admin("acme", "key:chair", Set.of("group:board", "user:chair"));

        AnswerRun seen = runs.get(ACME_ADMIN, "b1");

        assertThat(seen.answer()).isEqualTo(AnswerRun.WITHHELD);
        assertThat(seen.citations()).isEmpty();
        assertThat(seen.detail().evidence()).isEmpty();
        assertThat(seen.detail().filters()).isEqualTo(RunDetail.Filters.NONE);
        assertThat(seen.question()).isEqualTo(boardRun.question());
        assertThat(seen.detail().attempts()).isEqualTo(boardRun.detail().attempts());
        assertThat(seen.feedback()).isEqualTo(boardRun.feedback());
        assertThat(runs.list(ACME_ADMIN, RunQuery.of("acme"))).containsExactly(seen);
        assertThat(runs.get(boardAdmin, "b1"))
                .as("an admin holding the run's principals")
                .isEqualTo(boardRun);
        assertThat(runs.get(ANA, "b1")).as("the caller who asked").isEqualTo(boardRun);
        assertThat(runs.get(RunViewer.operator("acme"), "b1"))
                .as("the data folder's operator")
                .isEqualTo(boardRun);
    }

    @Test
    void feedbackIsStoredScrubbedReplacedOnRatingAgainAndToldToObservers() {
        store.record(run("a1", "acme", "key:ana", "answered", AT));
        List<Feedback> told = new ArrayList<>();
        runs.onFeedback(told::add);

        runs.feedback(ANA, "a1", Feedback.Rating.UP, Optional.empty());
        Feedback given =
                runs.feedback(ANA, "a1", Feedback.Rating.DOWN, Optional.of("  Wrong: ask ana.berg@example.com  "));

        assertThat(given.comment()).contains("Wrong: ask [email]");
        assertThat(given.actor()).isEqualTo("key:ana");
        assertThat(given.at()).isEqualTo(AT);
        assertThat(store.find("a1").orElseThrow().feedback()).contains(given);
        assertThat(told).extracting(Feedback::rating).containsExactly(Feedback.Rating.UP, Feedback.Rating.DOWN);
    }

    @Test
    void nobodyButTheCallerWhoAskedMayRateARunAndTheyAreToldItIsNotThere() {
        store.record(run("a1", "acme", "key:ana", "answered", AT));

        for (RunViewer other : List.of(BOB, ACME_ADMIN, GLOBEX_ADMIN)) {
            assertThatThrownBy(() -> runs.feedback(other, "a1", Feedback.Rating.DOWN, Optional.empty()))
                    .isInstanceOf(RunNotFoundException.class)
                    .hasMessageStartingWith("no run 'a1' of yours is kept");
        }
        assertThat(store.find("a1").orElseThrow().feedback()).isEmpty();
    }

    @Test
    void aTooLongCommentIsRejectedSayingTheLimit() {
        store.record(run("a1", "acme", "key:ana", "answered", AT));

        assertThatThrownBy(() -> runs.feedback(
                        ANA, "a1", Feedback.Rating.DOWN, Optional.of("x".repeat(Feedback.MAX_COMMENT_CHARS + 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("comment must be at most 2000 characters, got 2001");
    }

    @Test
    void samplingKeepsEveryUnusualRunAndAShareOfTheAnsweredOnes() {
        RunStore sampled = RunStore.sampled(store, 0.0, new SplittableRandom(7));

        sampled.record(run("ok", "acme", "key:ana", "answered", AT));
        for (String outcome : List.of("abstained", "degraded", "blocked")) {
            sampled.record(run(outcome, "acme", "key:ana", outcome, AT));
        }

        assertThat(store.find("ok"))
                .as("an answered run, sampled out at rate 0")
                .isEmpty();
        assertThat(store.list(RunQuery.of("acme")))
                .extracting(AnswerRun::runId)
                .containsExactlyInAnyOrder("abstained", "degraded", "blocked");
    }

    @Test
    void samplingAtAHalfKeepsAboutHalfOfTheAnsweredRuns() {
        RunStore sampled = RunStore.sampled(store, 0.5, new SplittableRandom(7));

        for (int i = 0; i < 400; i++) {
            sampled.record(run("r" + i, "acme", "key:ana", "answered", AT.plusMillis(i)));
        }

        // binomial(400, 0.5): mean 200, sd 10; 150..250 is five standard deviations either side
        assertThat(store.list(RunQuery.of("acme").limit(RunStore.MAX_RECENT))).hasSizeBetween(150, 250);
    }

    @Test
    void rejectsASampleRateOutsideZeroToOne() {
        assertThatThrownBy(() -> RunStore.sampled(store, 1.5, new SplittableRandom(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample rate must be in [0, 1], got 1.5");
    }
}
