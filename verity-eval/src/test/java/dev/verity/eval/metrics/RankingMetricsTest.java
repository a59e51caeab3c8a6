package dev.verity.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void ndcgUsesTheGradeAsGainWithALog2DiscountAndTheIdealOrderOfTheQrels() {
        // ranked: x (not judged), a (grade 1), b (grade 2); qrels a=1, b=2, c=1
        // DCG@3  = 0/log2(2) + 1/log2(3) + 2/log2(4) = 0.630930 + 1 = 1.630930
        // IDCG@3 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.630930 + 0.5 = 3.130930; nDCG = 0.520909
        List<String> ranked = List.of("x", "a", "b");
        Map<String, Integer> qrels = Map.of("a", 1, "b", 2, "c", 1);
        double log2of3 = Math.log(3) / Math.log(2);
        double expected = (1 / log2of3 + 1) / (2 + 1 / log2of3 + 0.5);
        assertThat(RankingMetrics.ndcg(ranked, qrels, 3)).isCloseTo(expected, within(EPS));
        assertThat(RankingMetrics.ndcg(ranked, qrels, 3)).isCloseTo(0.520909, within(1e-6));
    }

    @Test
    void ndcgCutsTheIdealRankingAtKToo() {
        // qrels hold 3 relevant documents, k = 1: IDCG@1 = 1 (not 1 + 1/log2(3) + 1/2); a first relevant hit scores 1
        assertThat(RankingMetrics.ndcg(List.of("a", "x"), Map.of("a", 1, "b", 1, "c", 1), 1))
                .isEqualTo(1.0);
    }

    @Test
    void ndcgOfAPerfectRankingIsOneAndOfNoHitZero() {
        Map<String, Integer> qrels = Map.of("a", 2, "b", 1);
        assertThat(RankingMetrics.ndcg(List.of("a", "b", "x"), qrels, 10)).isCloseTo(1.0, within(EPS));
        assertThat(RankingMetrics.ndcg(List.of("x", "y"), qrels, 10)).isZero();
        // a swapped pair: DCG = 1/1 + 2/log2(3) = 2.261860; IDCG = 2 + 1/log2(3) = 2.630930; ratio 0.859719
        assertThat(RankingMetrics.ndcg(List.of("b", "a"), qrels, 10)).isCloseTo(0.859719, within(1e-6));
    }

    @Test
    void zeroAndNegativeGradesAreNotRelevant() {
        Map<String, Integer> qrels = Map.of("a", 0, "b", -1, "c", 1);
        // only c counts: it sits at rank 3, DCG = 1/log2(4) = 0.5, IDCG = 1
        assertThat(RankingMetrics.ndcg(List.of("a", "b", "c"), qrels, 10)).isCloseTo(0.5, within(EPS));
        assertThat(RankingMetrics.recall(List.of("a", "b"), qrels, 10)).isZero();
        assertThat(RankingMetrics.reciprocalRank(List.of("a", "b", "c"), qrels, 10))
                .isCloseTo(1 / 3.0, within(EPS));
    }

    @Test
    void recallCountsRelevantDocumentsInTheTopKOverAllRelevant() {
        Map<String, Integer> qrels = Map.of("a", 1, "b", 1, "c", 1, "d", 1);
        List<String> ranked = List.of("a", "x", "b", "y", "c");
        assertThat(RankingMetrics.recall(ranked, qrels, 1)).isEqualTo(0.25); // a
        assertThat(RankingMetrics.recall(ranked, qrels, 3)).isEqualTo(0.5); // a, b
        assertThat(RankingMetrics.recall(ranked, qrels, 100)).isEqualTo(0.75); // a, b, c; d never retrieved
    }

    @Test
    void reciprocalRankIsOneOverTheFirstRelevantRankWithinTheCutoff() {
        Map<String, Integer> qrels = Map.of("r", 1);
        assertThat(RankingMetrics.reciprocalRank(List.of("x", "y", "r"), qrels, 10))
                .isCloseTo(1 / 3.0, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(List.of("x", "y", "r"), qrels, 2))
                .isZero();
        assertThat(RankingMetrics.reciprocalRank(List.of(), qrels, 10)).isZero();
    }

    @Test
    void aCutoffBelowOneIsRefused() {
        assertThatThrownBy(() -> RankingMetrics.ndcg(List.of(), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k");
    }
}
