package dev.verity.retrieval.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.index.ScoredChunk;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.RetrievedChunk;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
    private static final DocumentInfo DOC = new DocumentInfo(
            "doc_1",
            1,
            "default",
            "default",
            Set.of(),
            "a.txt",
            "A",
            "text/plain",
            "en",
            "0".repeat(64),
            Instant.EPOCH);

    private static ScoredChunk hit(String id, double score) {
        Chunk chunk = new Chunk(
                id,
                DOC,
                0,
                ChunkKind.PROSE,
                "text " + id,
                "",
                new Location(0, 0, List.of(), new Span(0, 1)),
                "h" + id,
                1);
        return new ScoredChunk(chunk, score);
    }

    @Test
    void scoresEachChunkBySumOfWeightOverKPlusRank() {
        RankedLeg bm25 = new RankedLeg("bm25", 1.0, List.of(hit("a", 9), hit("b", 5)));
        RankedLeg vector = new RankedLeg("vector", 1.0, List.of(hit("b", 0.9), hit("c", 0.8)));

        List<RetrievedChunk> fused = new ReciprocalRankFusion(60).fuse(List.of(bm25, vector), 10);

        // b: 1/(60+2) + 1/(60+1) = 0.032522; a: 1/61 = 0.016393; c: 1/62 = 0.016129
        assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("b", "a", "c");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(0).legs())
                .containsEntry("bm25", new LegHit(2, 5))
                .containsEntry("vector", new LegHit(1, 0.9));
        assertThat(fused.get(1).legs()).containsOnlyKeys("bm25");
    }

    @Test
    void weightsShiftTheBalanceBetweenLegs() {
        RankedLeg bm25 = new RankedLeg("bm25", 1.0, List.of(hit("a", 9)));
        RankedLeg vector = new RankedLeg("vector", 3.0, List.of(hit("c", 0.8), hit("d", 0.7)));

        List<RetrievedChunk> fused = new ReciprocalRankFusion(60).fuse(List.of(bm25, vector), 10);

        // c: 3/61, d: 3/62, a: 1/61
        assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("c", "d", "a");
    }

    @Test
    void breaksTiesByBestRankThenIdAndHonoursTheLimit() {
        RankedLeg one = new RankedLeg("bm25", 1.0, List.of(hit("z", 1), hit("y", 1)));
        RankedLeg two = new RankedLeg("vector", 1.0, List.of(hit("x", 1), hit("w", 1)));

        List<RetrievedChunk> fused = new ReciprocalRankFusion(60).fuse(List.of(one, two), 3);

        assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("x", "z", "w");
    }

    @Test
    void aChunkListedTwiceByOneLegCountsOnceAtItsBestRank() {
        RankedLeg leg = new RankedLeg("bm25", 1.0, List.of(hit("a", 3), hit("a", 2)));

        RetrievedChunk only =
                new ReciprocalRankFusion(60).fuse(List.of(leg), 10).getFirst();

        assertThat(only.score()).isCloseTo(1.0 / 61, within(1e-12));
    }
}
