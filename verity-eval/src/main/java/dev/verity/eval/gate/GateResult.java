package dev.verity.eval.gate;

import dev.verity.eval.report.MetricNames;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gate's verdict.
 *
 * @param failures the gated metrics that dropped beyond the tolerance (or went missing)
 * @param flipped cases whose assertions all held in the baseline and not now, whether or not a metric failed
 * @param improved metrics better than the baseline: accept them with {@code --update-baseline}
 * @param missingCases baseline cases this run did not have
 * @param warning a mismatch worth knowing (another dataset); empty when none
 */
public record GateResult(
        double tolerance,
        List<Failure> failures,
        List<String> flipped,
        List<String> improved,
        List<String> missingCases,
        String warning) {
    /** Cases listed per failed metric; the full list is in the report. */
    private static final int CASES_NAMED = 15;

    public GateResult {
        failures = List.copyOf(failures);
        flipped = List.copyOf(flipped);
        improved = List.copyOf(improved);
        missingCases = List.copyOf(missingCases);
    }

    /**
     * A gated metric that dropped.
     *
     * @param current null when the run lacks the metric
     * @param worse the cases whose own value got worse (for 0/1 metrics: the cases that flipped pass → fail)
     */
    public record Failure(String metric, double baseline, Double current, List<CaseChange> worse) {
        public Failure {
            worse = List.copyOf(worse);
        }
    }

    /** One case's value of a metric, then and now. */
    public record CaseChange(String id, double baseline, double current) {}

    public boolean passed() {
        return failures.isEmpty();
    }

    /** A few lines for the terminal: the verdict, each failed metric with its cases, flips and warnings. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (passed()) {
            out.append("gate passed: no gated metric dropped by more than ").append(Gate.format(tolerance));
        } else {
            out.append("gate FAILED: ")
                    .append(failures.size())
                    .append(failures.size() == 1 ? " metric" : " metrics")
                    .append(" dropped by more than the tolerance ")
                    .append(Gate.format(tolerance));
            for (Failure f : failures) {
                out.append("\n  ").append(f.metric()).append(": ");
                if (f.current() == null) {
                    out.append("missing from this run (baseline ")
                            .append(Gate.format(f.baseline()))
                            .append("); run what the baseline measured, or update it");
                    continue;
                }
                out.append(Gate.format(f.baseline()))
                        .append(" → ")
                        .append(Gate.format(f.current()))
                        .append(" (")
                        .append(f.current() >= f.baseline() ? "+" : "")
                        .append(Gate.format(f.current() - f.baseline()))
                        .append(")");
                if (!f.worse().isEmpty()) {
                    boolean binary = !MetricNames.lowerIsBetter(f.metric())
                            && f.worse().stream().allMatch(c -> isBinary(c.baseline()) && isBinary(c.current()));
                    out.append(binary ? "; flipped pass→fail: " : "; worse: ")
                            .append(f.worse().stream()
                                    .limit(CASES_NAMED)
                                    .map(c -> binary
                                            ? c.id()
                                            : c.id() + " (" + Gate.format(c.baseline()) + " → "
                                                    + Gate.format(c.current()) + ")")
                                    .collect(Collectors.joining(", ")));
                    if (f.worse().size() > CASES_NAMED) {
                        out.append(" and ")
                                .append(f.worse().size() - CASES_NAMED)
                                .append(" more");
                    }
                }
            }
        }
        if (!flipped.isEmpty()) {
            out.append("\n  cases that flipped pass→fail: ").append(String.join(", ", flipped));
        }
        if (!improved.isEmpty()) {
            out.append("\n  improved: ").append(String.join(", ", improved)).append(" (accept with --update-baseline)");
        }
        if (!missingCases.isEmpty()) {
            out.append("\n  baseline cases not in this run: ").append(String.join(", ", missingCases));
        }
        if (!warning.isEmpty()) {
            out.append("\n  warning: ").append(warning);
        }
        return out.toString();
    }

    private static boolean isBinary(double value) {
        return value == 0 || value == 1;
    }
}
