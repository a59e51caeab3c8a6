package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.index.ScoredChunk;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.fusion.Fusion;
import dev.verity.retrieval.fusion.RankedLeg;
import dev.verity.testkit.fakes.TestChunks;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Fusion} must do: the fused list best first (scores never rise), at most {@code limit} long, each
 * chunk once even when several legs found it, every leg's 1-based rank and raw score kept on the chunk, a chunk that
 * every leg ranks first fused first, ties broken the same way on every call, and no legs or empty legs giving
 * nothing.
 *
 * <p>Subclass it once per implementation and supply {@link #openFusion()}; subclasses assert the exact scores of their
 * own formula over {@link #KEYWORD} and {@link #VECTOR}. Implementations: {@code ReciprocalRankFusion} (the testkit's
 * own tests).
 */
public abstract class FusionContract {
    /** Six chunks of one document; their ids sort in this order. */
    protected static final List<Chunk> CHUNKS = TestChunks.chunks(
            TestChunks.document("handbook.pdf").title("Handbook").build(),
            "Staff get 25 days of annual leave each year.",
            "Unused annual leave carries over for one year.",
            "Leave requests go to your manager two weeks ahead.",
            "Parking is free for visitors.",
            "The office opens at nine.",
            "Travel is booked through the travel desk.");

    /** A keyword leg: chunks 0, 1, 2, 3, best first, with falling BM25 scores. */
    protected static final RankedLeg KEYWORD =
            new RankedLeg("bm25", 1.0, List.of(hit(0, 9.5), hit(1, 7.25), hit(2, 3.0), hit(3, 1.5)));

    /** A vector leg: chunks 0, 2, 4, 5, best first, with falling cosine similarities. */
    protected static final RankedLeg VECTOR =
            new RankedLeg("vector", 1.0, List.of(hit(0, 0.91), hit(2, 0.85), hit(4, 0.5), hit(5, 0.25)));

    protected Fusion fusion;

    /** A new fusion. */
    protected abstract Fusion openFusion();

    @BeforeEach
    void open() {
        fusion = openFusion();
    }

    protected static ScoredChunk hit(int chunk, double score) {
        return new ScoredChunk(CHUNKS.get(chunk), score);
    }

    protected static String id(int chunk) {
        return CHUNKS.get(chunk).id();
    }

    protected static List<String> ids(List<RetrievedChunk> fused) {
        return fused.stream().map(r -> r.chunk().id()).toList();
    }

    @Test
    void fusedListIsBestFirst() {
        List<RetrievedChunk> fused = fusion.fuse(List.of(KEYWORD, VECTOR), 10);

        for (int i = 1; i < fused.size(); i++) {
            assertThat(fused.get(i).score())
                    .as("score %d", i)
                    .isLessThanOrEqualTo(fused.get(i - 1).score());
        }
    }

    @Test
    void returnsAtMostTheLimit() {
        assertThat(fusion.fuse(List.of(KEYWORD, VECTOR), 3)).hasSize(3);
        assertThat(fusion.fuse(List.of(KEYWORD, VECTOR), 1)).hasSize(1);
        assertThat(fusion.fuse(List.of(KEYWORD, VECTOR), 100)).hasSize(6);
    }

    @Test
    void aChunkFoundByBothLegsAppearsOnceWithBothLegs() {
        List<RetrievedChunk> fused = fusion.fuse(List.of(KEYWORD, VECTOR), 100);

        assertThat(ids(fused))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(id(0), id(1), id(2), id(3), id(4), id(5));
        RetrievedChunk both = fused.stream()
                .filter(r -> r.chunk().id().equals(id(2)))
                .findFirst()
                .orElseThrow();
        assertThat(both.chunk()).isEqualTo(CHUNKS.get(2));
        assertThat(both.legs()).containsOnlyKeys("bm25", "vector");
        assertThat(both.legs().get("bm25")).isEqualTo(new LegHit(3, 3.0));
        assertThat(both.legs().get("vector")).isEqualTo(new LegHit(2, 0.85));
    }

    @Test
    void aChunkOnlyOneLegFoundCarriesOnlyThatLeg() {
        RetrievedChunk onlyKeyword = fusion.fuse(List.of(KEYWORD, VECTOR), 100).stream()
                .filter(r -> r.chunk().id().equals(id(1)))
                .findFirst()
                .orElseThrow();

        assertThat(onlyKeyword.legs()).containsExactly(java.util.Map.entry("bm25", new LegHit(2, 7.25)));
    }

    @Test
    void aChunkEveryLegRanksFirstIsFusedFirst() {
        assertThat(fusion.fuse(List.of(KEYWORD, VECTOR), 100).getFirst().chunk().id())
                .isEqualTo(id(0));
    }

    @Test
    void tiesBreakTheSameWayOnEveryCallAndWhateverTheLegOrder() {
        // chunks 3 and 4 mirror each other: each found by one leg only, at rank 2, with the same weight
        RankedLeg left = new RankedLeg("bm25", 1.0, List.of(hit(0, 2.0), hit(3, 1.0)));
        RankedLeg right = new RankedLeg("vector", 1.0, List.of(hit(0, 0.9), hit(4, 0.8)));

        List<String> once = ids(fusion.fuse(List.of(left, right), 10));

        assertThat(once).containsExactlyInAnyOrder(id(0), id(3), id(4));
        assertThat(ids(fusion.fuse(List.of(left, right), 10))).isEqualTo(once);
        assertThat(ids(fusion.fuse(List.of(right, left), 10))).isEqualTo(once);
    }

    @Test
    void noLegsOrEmptyLegsGiveNothing() {
        assertThat(fusion.fuse(List.of(), 5)).isEmpty();
        assertThat(fusion.fuse(
                        List.of(new RankedLeg("bm25", 1.0, List.of()), new RankedLeg("vector", 1.0, List.of())), 5))
                .isEmpty();
    }

    @Test
    void aSingleLegKeepsItsOrder() {
        assertThat(ids(fusion.fuse(List.of(KEYWORD), 10))).containsExactly(id(0), id(1), id(2), id(3));
    }

    @Test
    void leavesTheLegsAsTheyWere() {
        List<ScoredChunk> before = KEYWORD.hits();

        fusion.fuse(List.of(KEYWORD, VECTOR), 2);

        assertThat(KEYWORD.hits()).isEqualTo(before);
    }
}
