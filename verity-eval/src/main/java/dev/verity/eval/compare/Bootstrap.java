package dev.verity.eval.compare;

import dev.verity.eval.metrics.Stats;
import dev.verity.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap of a mean: resample the values with replacement, take each resample's mean, and read the
 * confidence interval off the 2.5th and 97.5th percentiles of those means. Seeded, so a report can be reproduced.
 */
public final class Bootstrap {
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final long DEFAULT_SEED = 42;

    /** A mean and its 95% confidence interval. */
    public record Interval(double mean, double low, double high) {
        /** True when the interval excludes 0: the difference is unlikely to be noise. */
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }
    }

    private Bootstrap() {}

    public static Interval meanInterval(List<Double> values, int resamples, long seed) {
        Checks.positive(resamples, "resamples");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int n = values.size();
        double[] data = values.stream().mapToDouble(Double::doubleValue).toArray();
        List<Double> means = new ArrayList<>(resamples);
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += data[random.nextInt(n)];
            }
            means.add(sum / n);
        }
        double mean = Stats.mean(values).orElseThrow();
        return new Interval(
                mean,
                Stats.percentile(means, 2.5).orElseThrow(),
                Stats.percentile(means, 97.5).orElseThrow());
    }
}
