package dev.verity.eval.compare;

import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.MetricNames;
import dev.verity.eval.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Paired comparison of two runs on the same cases: per metric, each case's difference B − A, the mean difference and
 * its bootstrap 95% confidence interval, and how many cases got better or worse.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(Reports.read(a), Reports.read(b), Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
 * }</pre>
 *
 * Pairing by case id removes the variance between questions, which dominates on small sets: a difference whose
 * interval excludes 0 is unlikely to be noise. Only cases that have the metric in both runs count (abstention
 * precision, for one, is defined only on the cases each run abstained on).
 *
 * @param a what the first run was (its dataset and configuration)
 * @param b what the second run was
 * @param metrics in report order
 */
public record Comparison(String a, String b, int resamples, long seed, List<MetricDiff> metrics) {

    /**
     * One metric's paired difference.
     *
     * @param pairs cases with the metric in both runs
     * @param difference mean of B − A with its 95% interval
     * @param better cases where B is better (for latency and leaks: lower)
     * @param worse cases where B is worse
     */
    public record MetricDiff(
            String metric,
            int pairs,
            double meanA,
            double meanB,
            Bootstrap.Interval difference,
            int better,
            int worse) {}

    public Comparison {
        metrics = List.copyOf(metrics);
    }

    public static Comparison of(Report a, Report b, int resamples, long seed) {
        return compare(describe(a), perCase(a), describe(b), perCase(b), resamples, seed);
    }

    /**
     * Two retrieval modes of one run compared as two runs: {@code retrieval.<modeA>.*} against
     * {@code retrieval.<modeB>.*}, named {@code retrieval.<modeA>→<modeB>.*}.
     */
    public static Comparison ofModes(Report report, String modeA, String modeB, int resamples, long seed) {
        for (String mode : List.of(modeA, modeB)) {
            if (!report.run().modes().contains(mode)) {
                throw new IllegalArgumentException("the run has no mode " + mode + "; it has "
                        + String.join(", ", report.run().modes()));
            }
        }
        String joined = modeA + "→" + modeB;
        Map<String, Map<String, Double>> a = onlyMode(perCase(report), modeA, joined);
        Map<String, Map<String, Double>> b = onlyMode(perCase(report), modeB, joined);
        return compare(describe(report) + " " + modeA, a, describe(report) + " " + modeB, b, resamples, seed);
    }

    private static Comparison compare(
            String nameA,
            Map<String, Map<String, Double>> a,
            String nameB,
            Map<String, Map<String, Double>> b,
            int resamples,
            long seed) {
        Set<String> names = new LinkedHashSet<>();
        a.values().forEach(m -> names.addAll(m.keySet()));
        List<MetricDiff> diffs = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("." + MetricNames.INPUT_TOKENS) || name.endsWith("." + MetricNames.OUTPUT_TOKENS)) {
                continue;
            }
            List<Double> valuesA = new ArrayList<>();
            List<Double> valuesB = new ArrayList<>();
            List<Double> differences = new ArrayList<>();
            int better = 0;
            int worse = 0;
            boolean lowerIsBetter = MetricNames.lowerIsBetter(name);
            for (Map.Entry<String, Map<String, Double>> c : a.entrySet()) {
                Double x = c.getValue().get(name);
                Map<String, Double> other = b.get(c.getKey());
                Double y = other == null ? null : other.get(name);
                if (x == null || y == null) {
                    continue;
                }
                valuesA.add(x);
                valuesB.add(y);
                differences.add(y - x);
                if (y > x) {
                    better += lowerIsBetter ? 0 : 1;
                    worse += lowerIsBetter ? 1 : 0;
                } else if (y < x) {
                    better += lowerIsBetter ? 1 : 0;
                    worse += lowerIsBetter ? 0 : 1;
                }
            }
            if (differences.isEmpty()) {
                continue;
            }
            diffs.add(new MetricDiff(
                    name,
                    differences.size(),
                    mean(valuesA),
                    mean(valuesB),
                    Bootstrap.meanInterval(differences, resamples, seed),
                    better,
                    worse));
        }
        if (diffs.isEmpty()) {
            throw new IllegalArgumentException(
                    "the two runs share no case with a common metric: compare runs of the" + " same dataset");
        }
        return new Comparison(nameA, nameB, resamples, seed, diffs);
    }

    /** A table for the terminal or a Markdown file. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(a).append("\nB: ").append(b).append("\n\n");
        out.append("Paired difference B − A with a bootstrap 95% interval (")
                .append(resamples)
                .append(" resamples, seed ")
                .append(seed)
                .append("); * marks an interval that excludes 0.\n\n");
        out.append("| metric | pairs | A | B | B − A | 95% CI | better | worse |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (MetricDiff d : metrics) {
            boolean latency = d.metric().contains(MetricNames.LATENCY_MS);
            String f = latency ? "%.1f" : "%.4f";
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | " + f + " | " + f + " | %+" + f.substring(1) + "%s | [" + f + ", " + f
                            + "] | %d | %d |%n",
                    d.metric(),
                    d.pairs(),
                    d.meanA(),
                    d.meanB(),
                    d.difference().mean(),
                    d.difference().excludesZero() ? "*" : "",
                    d.difference().low(),
                    d.difference().high(),
                    d.better(),
                    d.worse()));
        }
        return out.toString();
    }

    private static Map<String, Map<String, Double>> perCase(Report report) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (CaseReport c : report.cases()) {
            values.put(c.id(), c.metrics());
        }
        return values;
    }

    private static Map<String, Map<String, Double>> onlyMode(
            Map<String, Map<String, Double>> cases, String mode, String as) {
        String prefix = "retrieval." + mode + ".";
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        cases.forEach((id, metrics) -> {
            Map<String, Double> renamed = new LinkedHashMap<>();
            metrics.forEach((name, value) -> {
                if (name.startsWith(prefix)) {
                    renamed.put("retrieval." + as + "." + name.substring(prefix.length()), value);
                }
            });
            out.put(id, renamed);
        });
        return out;
    }

    private static String describe(Report report) {
        return report.run().dataset() + " (config " + report.run().configFingerprint() + ", "
                + report.run().startedAt() + ")";
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
