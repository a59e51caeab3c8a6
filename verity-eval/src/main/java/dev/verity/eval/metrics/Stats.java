package dev.verity.eval.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalDouble;

/** Summary statistics of per-case values. */
public final class Stats {
    private Stats() {}

    public static OptionalDouble mean(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average();
    }

    /**
     * The {@code p}-th percentile (0–100) by linear interpolation between closest ranks (NumPy's default): the value at
     * position (n − 1)·p/100 of the sorted values.
     */
    public static OptionalDouble percentile(Collection<Double> values, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("p must be in [0, 100], got " + p);
        }
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double position = (sorted.length - 1) * p / 100;
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return OptionalDouble.of(sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower));
    }
}
