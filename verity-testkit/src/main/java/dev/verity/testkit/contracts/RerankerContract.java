package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.rerank.Reranker;
import dev.verity.testkit.fakes.TestChunks;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Reranker} must do: at most {@code limit} chunks, each one of the candidates unchanged but for its
 * score, none twice. Subclass once per implementation.
 */
public abstract class RerankerContract {
    protected static final String QUERY = "How many days of annual leave do staff get?";
    protected static final List<RetrievedChunk> CANDIDATES = candidates();

    protected Reranker reranker;

    /** A new reranker. */
    protected abstract Reranker openReranker();

    @BeforeEach
    void open() {
        reranker = openReranker();
    }

    private static List<RetrievedChunk> candidates() {
        var doc = TestChunks.document("handbook.pdf").title("Handbook").build();
        var chunks = TestChunks.chunks(
                doc,
                "Staff get 25 days of annual leave each year.",
                "Parking is free for visitors.",
                "Leave requests go to your manager two weeks ahead.",
                "The office opens at nine.",
                "Unused annual leave carries over for one year.",
                "Travel is booked through the travel desk.");
        return IntStream.range(0, chunks.size())
                .mapToObj(i -> new RetrievedChunk(chunks.get(i), 1.0 / (i + 1), Map.of()))
                .toList();
    }

    @Test
    void returnsAtMostTheLimit() {
        assertThat(reranker.rerank(QUERY, CANDIDATES, 3)).hasSizeLessThanOrEqualTo(3);
        assertThat(reranker.rerank(QUERY, CANDIDATES, 100)).hasSizeLessThanOrEqualTo(CANDIDATES.size());
    }

    @Test
    void returnsOnlyCandidatesEachOnceWithTheirChunkAndLegs() {
        List<RetrievedChunk> chosen = reranker.rerank(QUERY, CANDIDATES, CANDIDATES.size());

        assertThat(new HashSet<>(chosen.stream().map(r -> r.chunk().id()).toList()))
                .hasSize(chosen.size());
        assertThat(chosen)
                .allSatisfy(r -> assertThat(CANDIDATES).anySatisfy(c -> {
                    assertThat(c.chunk()).isEqualTo(r.chunk());
                    assertThat(c.legs()).isEqualTo(r.legs());
                }));
    }

    @Test
    void noCandidatesGiveNothing() {
        assertThat(reranker.rerank(QUERY, List.of(), 5)).isEmpty();
    }

    @Test
    void asksForAtLeastAsManyCandidatesAsItReturns() {
        assertThat(reranker.candidates(8)).isGreaterThanOrEqualTo(8);
        assertThat(reranker.candidates(1)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void leavesTheCandidateListAsItWas() {
        List<RetrievedChunk> candidates = new java.util.ArrayList<>(CANDIDATES);

        reranker.rerank(QUERY, candidates, 2);

        assertThat(candidates).isEqualTo(CANDIDATES);
    }
}
