package dev.verity.bench;

import java.util.Arrays;

/** Percentiles of a sample of latencies, nearest-rank method. */
record Stats(int n, double p50, double p95, double p99, double mean) {
    static Stats of(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Stats(
                sorted.length,
                rank(sorted, 0.50),
                rank(sorted, 0.95),
                rank(sorted, 0.99),
                Arrays.stream(sorted).average().orElse(0));
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
