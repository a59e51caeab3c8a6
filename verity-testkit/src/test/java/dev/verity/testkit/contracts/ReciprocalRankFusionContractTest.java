package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.fusion.Fusion;
import dev.verity.retrieval.fusion.RankedLeg;
import dev.verity.retrieval.fusion.ReciprocalRankFusion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reciprocal rank fusion keeps the fusion contract, with the scores its formula promises. */
class ReciprocalRankFusionContractTest extends FusionContract {

    @Override
    protected Fusion openFusion() {
        return new ReciprocalRankFusion();
    }

    @Test
    void scoresSumWeightOverKPlusRankAndBreakTiesByBestRankThenId() {
        List<RetrievedChunk> fused = fusion.fuse(List.of(KEYWORD, VECTOR), 10);

        // k = 60, weights 1, 1-based ranks; KEYWORD ranks 0,1,2,3 and VECTOR ranks 0,2,4,5:
        //   chunk 0: 1/(60+1) + 1/(60+1) = 0.032787  (first in both legs)
        //   chunk 2: 1/(60+3) + 1/(60+2) = 0.032002  (third by keyword, second by vector)
        //   chunk 1: 1/(60+2)            = 0.016129
        //   chunk 4: 1/(60+3)            = 0.015873
        //   chunk 3: 1/(60+4)            = 0.015625  tie with chunk 5: both best rank 4, so by id, 3 first
        //   chunk 5: 1/(60+4)            = 0.015625
        assertThat(ids(fused)).containsExactly(id(0), id(2), id(1), id(4), id(3), id(5));
        assertThat(fused)
                .extracting(RetrievedChunk::score)
                .containsExactly(List.of(2.0 / 61, 1.0 / 63 + 1.0 / 62, 1.0 / 62, 1.0 / 63, 1.0 / 64, 1.0 / 64)
                        .toArray(Double[]::new));
    }

    @Test
    void aLegsWeightScalesItsShare() {
        RankedLeg heavyVector = new RankedLeg("vector", 2.0, VECTOR.hits());

        List<RetrievedChunk> fused = fusion.fuse(List.of(KEYWORD, heavyVector), 3);

        // chunk 0: 1/61 + 2/61 = 0.049180; chunk 2: 1/63 + 2/62 = 0.048131; chunk 4: 2/63 = 0.031746 beats chunk 1's
        // 1/62
        assertThat(ids(fused)).containsExactly(id(0), id(2), id(4));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 2.0 / 62, within(1e-12));
    }

    @Test
    void mirroredChunksTieAndTheLowerIdComesFirst() {
        RankedLeg left = new RankedLeg("bm25", 1.0, List.of(hit(0, 2.0), hit(3, 1.0)));
        RankedLeg right = new RankedLeg("vector", 1.0, List.of(hit(0, 0.9), hit(4, 0.8)));

        // chunks 3 and 4 both score 1/62 with best rank 2; ids break the tie
        assertThat(ids(fusion.fuse(List.of(right, left), 10))).containsExactly(id(0), id(3), id(4));
    }
}
