package dev.verity.eval.gate;

import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.MetricNames;
import dev.verity.eval.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The regression gate: a run fails when a gated metric of the {@link Baseline} dropped by more than the tolerance
 * (leaks: rose at all), and the verdict names each such metric with the cases that got worse on it.
 *
 * <pre>{@code
 * GateResult result = Gate.check(report, Baseline.read(Path.of("samples/eval-baseline.json")), 0.02);
 * if (!result.passed()) { System.err.println(result.describe()); }
 * }</pre>
 *
 * A metric the baseline has and the run lacks (a mode left out, answers not asked) fails too: the gate never passes
 * by measuring less. Metrics that improved are not failures; accept them with a new baseline.
 */
public final class Gate {
    public static final double DEFAULT_TOLERANCE = 0.02;
    /** Float noise between CPUs is far below this; a real change is far above. */
    private static final double EPSILON = 1e-9;

    private Gate() {}

    public static GateResult check(Report report, Baseline baseline, double tolerance) {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
        }
        Objects.requireNonNull(baseline, "baseline");
        Map<String, Double> current = report.flatMetrics();
        List<GateResult.Failure> failures = new ArrayList<>();
        List<String> improved = new ArrayList<>();
        baseline.metrics().forEach((name, accepted) -> {
            Double now = current.get(name);
            if (now == null) {
                failures.add(new GateResult.Failure(name, accepted, null, List.of()));
                return;
            }
            boolean lowerIsBetter = MetricNames.lowerIsBetter(name);
            double drop = lowerIsBetter ? now - accepted : accepted - now;
            double allowed = name.endsWith("." + MetricNames.LEAKS) ? 0 : tolerance;
            if (drop > allowed + EPSILON) {
                failures.add(new GateResult.Failure(name, accepted, now, worse(report, baseline, name, lowerIsBetter)));
            } else if (-drop > EPSILON) {
                improved.add(name);
            }
        });
        List<String> flipped = worse(report, baseline, Baseline.PASSED, false).stream()
                .map(GateResult.CaseChange::id)
                .toList();
        List<String> missingCases = baseline.cases().keySet().stream()
                .filter(id -> report.cases().stream().noneMatch(c -> c.id().equals(id)))
                .toList();
        return new GateResult(
                tolerance,
                failures,
                flipped,
                improved,
                missingCases,
                !fileName(baseline.dataset()).equals(fileName(report.run().dataset()))
                        ? "baseline made on " + baseline.dataset() + ", this run on "
                                + report.run().dataset()
                        : "");
    }

    /** Cases whose value of {@code name} got worse than in the baseline, in report order. */
    private static List<GateResult.CaseChange> worse(
            Report report, Baseline baseline, String name, boolean lowerIsBetter) {
        List<GateResult.CaseChange> changes = new ArrayList<>();
        for (CaseReport c : report.cases()) {
            Map<String, Double> before = baseline.cases().get(c.id());
            if (before == null || !before.containsKey(name)) {
                continue;
            }
            Double now = name.equals(Baseline.PASSED)
                    ? (c.passed() == null ? null : c.passed() ? 1.0 : 0.0)
                    : c.metrics().get(name);
            if (now == null) {
                continue;
            }
            double was = before.get(name);
            if (lowerIsBetter ? now > was + EPSILON : now < was - EPSILON) {
                changes.add(new GateResult.CaseChange(c.id(), was, now));
            }
        }
        return changes;
    }

    /** The last path element: the same dataset may be named from different folders. */
    private static String fileName(String path) {
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
