package dev.verity.eval.report;

import java.util.Comparator;
import java.util.List;

/** Orders cases worst first, for the report's list of cases to read. */
final class Worst {
    private Worst() {}

    /**
     * The mode whose retrieval a reader of answers cares about: the one answers used, else hybrid when run, else the
     * last mode.
     */
    static String primaryMode(RunInfo run) {
        if (run.answerMode() != null && run.modes().contains(run.answerMode())) {
            return run.answerMode();
        }
        return run.modes().contains("hybrid") ? "hybrid" : run.modes().getLast();
    }

    /**
     * Failed assertions first (most failures first), then the lowest nDCG@10 in the primary mode, then the lowest F1;
     * only cases that failed something or scored below a perfect nDCG@10.
     */
    static List<CaseReport> cases(Report report, int limit) {
        String ndcg = MetricNames.retrieval(primaryMode(report.run()), MetricNames.NDCG_10);
        String f1 = MetricNames.answers(MetricNames.F1);
        return report.cases().stream()
                .filter(c -> Boolean.FALSE.equals(c.passed()) || c.metrics().getOrDefault(ndcg, 1.0) < 1.0)
                .sorted(Comparator.comparingLong(Worst::failures)
                        .reversed()
                        .thenComparingDouble(c -> c.metrics().getOrDefault(ndcg, 1.0))
                        .thenComparingDouble(c -> c.metrics().getOrDefault(f1, 1.0))
                        .thenComparing(CaseReport::id))
                .limit(limit)
                .toList();
    }

    static long failures(CaseReport c) {
        return c.answer() == null
                ? 0
                : c.answer().assertions().stream().filter(a -> !a.passed()).count();
    }
}
