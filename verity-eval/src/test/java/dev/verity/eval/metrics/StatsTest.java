package dev.verity.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void percentilesInterpolateBetweenClosestRanks() {
        List<Double> values = List.of(40.0, 10.0, 30.0, 20.0); // sorted 10 20 30 40
        // p50: position 3·0.5 = 1.5 → 20 + 0.5·(30 − 20) = 25; p95: position 2.85 → 30 + 0.85·10 = 38.5
        assertThat(Stats.percentile(values, 50).getAsDouble()).isCloseTo(25.0, within(1e-12));
        assertThat(Stats.percentile(values, 95).getAsDouble()).isCloseTo(38.5, within(1e-12));
        assertThat(Stats.percentile(values, 0).getAsDouble()).isEqualTo(10.0);
        assertThat(Stats.percentile(values, 100).getAsDouble()).isEqualTo(40.0);
    }

    @Test
    void noValuesHaveNoStatistics() {
        assertThat(Stats.percentile(List.of(), 50)).isEmpty();
        assertThat(Stats.mean(List.of())).isEmpty();
        assertThat(Stats.mean(List.of(1.0, 2.0)).getAsDouble()).isEqualTo(1.5);
    }
}
