package dev.verity.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.verity.eval.World;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void theBootstrapIntervalOfConstantValuesIsThePoint() {
        Bootstrap.Interval interval = Bootstrap.meanInterval(List.of(0.25, 0.25, 0.25), 1000, 1);
        assertThat(interval).isEqualTo(new Bootstrap.Interval(0.25, 0.25, 0.25));
        assertThat(interval.excludesZero()).isTrue();
    }

    @Test
    void theBootstrapIsSeededAndBracketsTheMean() {
        List<Double> differences = List.of(1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0);
        Bootstrap.Interval a = Bootstrap.meanInterval(differences, 10_000, 42);
        assertThat(Bootstrap.meanInterval(differences, 10_000, 42)).isEqualTo(a);
        assertThat(a.mean()).isEqualTo(0.4);
        // the mean of 10 coin flips at p = 0.4 has a standard error of sqrt(0.24 / 10) = 0.155: the 95% interval is
        // about 0.4 ± 0.3 in steps of 0.1; a resample without a single 1 has probability 0.6^10 = 0.006 < 2.5%, so the
        // interval stays above 0
        assertThat(a.low()).isBetween(0.1, 0.2);
        assertThat(a.high()).isBetween(0.6, 0.7);
        assertThat(a.excludesZero()).isTrue();
        Bootstrap.Interval none =
                Bootstrap.meanInterval(List.of(1.0, -1.0, 0.0, 1.0, -1.0, 0.0, 1.0, -1.0, 0.0, 0.0), 10_000, 42);
        assertThat(none.mean()).isZero();
        assertThat(none.excludesZero()).isFalse();
    }

    @Test
    void pairsCasesByIdAndCountsWhichGotBetterOrWorse() {
        Comparison c = Comparison.of(World.report(false, false), World.report(true, false), 2000, 7);

        Comparison.MetricDiff right = c.metrics().stream()
                .filter(d -> d.metric().equals("answers.right_with_citation"))
                .findFirst()
                .orElseThrow();
        // q1 went 1 → 0, q3 stayed 0: differences −1, 0 → mean −0.5, one case worse
        assertThat(right.pairs()).isEqualTo(2);
        assertThat(right.meanA()).isEqualTo(0.5);
        assertThat(right.meanB()).isEqualTo(0.0);
        assertThat(right.difference().mean()).isCloseTo(-0.5, within(1e-12));
        assertThat(right.worse()).isEqualTo(1);
        assertThat(right.better()).isZero();
        assertThat(c.markdown()).contains("| answers.right_with_citation | 2 | 0.5000 | 0.0000 | -0.5000");
    }

    @Test
    void twoModesOfOneRunCompareAsTwoRuns() {
        Comparison c = Comparison.ofModes(World.report(false, false), "bm25", "hybrid", 1000, 7);
        Comparison.MetricDiff ndcg = c.metrics().stream()
                .filter(d -> d.metric().equals("retrieval.bm25→hybrid.ndcg@10"))
                .findFirst()
                .orElseThrow();
        // both answerable cases: bm25 0.630930, hybrid 1 → difference 0.369070 each
        assertThat(ndcg.difference().mean()).isCloseTo(1 - Math.log(2) / Math.log(3), within(1e-6));
        assertThat(ndcg.better()).isEqualTo(2);
        assertThatThrownBy(() -> Comparison.ofModes(World.report(false, false), "bm25", "splade", 10, 1))
                .hasMessage("the run has no mode splade; it has bm25, vector, hybrid");
    }
}
