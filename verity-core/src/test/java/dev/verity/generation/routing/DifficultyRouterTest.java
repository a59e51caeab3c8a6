package dev.verity.generation.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.retrieval.RetrievedChunk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DifficultyRouterTest {
    private final DifficultyRouter router = new DifficultyRouter();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            What is the notice period?                                                   | EASY
            How many days of annual leave do staff get?                                  | EASY
            Who approves travel expenses?                                                | EASY
            Why did the company change its remote work policy?                           | HARD
            Compare the leave policy for staff with the one for managers.                | HARD
            How does the expense approval process work?                                  | HARD
            What are the pros and cons of the new pension plan?                          | HARD
            When is the deadline? And who signs off on late submissions?                 | EASY
            When is the deadline and why do late submissions need a sign-off?            | HARD
            List all the benefits employees get in their first year.                     | EASY
            """)
    void routesFactoidsToTheCheapModelAndReasoningToTheStrongOne(String question, Route.Tier expected) {
        assertThat(router.route(question, List.of(), 0).tier()).isEqualTo(expected);
    }

    @Test
    void signalsAddUpAndAreNamed() {
        Route route = router.route("List all the benefits employees get in their first year.", List.of(), 3);

        assertThat(route.signals()).containsExactly("many_sources", "deep_conversation");
        assertThat(route.score()).isEqualTo(0.35);
        assertThat(route.tier()).isEqualTo(Route.Tier.EASY);
        assertThat(router.route("List all the benefits employees get in their first year.", List.of(), 0)
                        .score())
                .isEqualTo(0.2);
    }

    @Test
    void evidenceSpreadOverThreeDocumentsWithCloseScoresNeedsSeveralSources() {
        List<RetrievedChunk> spread = List.of(hit("a.pdf", 0.030), hit("b.pdf", 0.029), hit("c.pdf", 0.028));
        List<RetrievedChunk> focused = List.of(hit("a.pdf", 0.030), hit("b.pdf", 0.010), hit("c.pdf", 0.009));

        assertThat(router.route("What is the notice period?", spread, 0).signals())
                .containsExactly("many_sources");
        assertThat(router.route("What is the notice period?", focused, 0).signals())
                .isEmpty();
    }

    @Test
    void theSameInputAlwaysTakesTheSameRoute() {
        String question = "Explain the difference between the two bonus schemes and when each applies?";
        assertThat(router.route(question, List.of(), 2)).isEqualTo(router.route(question, List.of(), 2));
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new DifficultyRouter(1.5)).hasMessageContaining("(0, 1]");
    }

    private static RetrievedChunk hit(String source, double score) {
        DocumentInfo doc = new DocumentInfo(
                "doc_" + source.charAt(0),
                1,
                "default",
                "default",
                Set.of(),
                source,
                source,
                "application/pdf",
                "en",
                "0".repeat(64),
                Instant.EPOCH);
        Chunk chunk = new Chunk(
                doc.id() + "-v1-0000",
                doc,
                0,
                ChunkKind.PROSE,
                "Some text.",
                "",
                new Location(0, 0, List.of(), new Span(0, 1)),
                "h" + source,
                1);
        return new RetrievedChunk(chunk, score, Map.of());
    }
}
