package dev.verity.eval.report;

import dev.verity.eval.metrics.Stats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An evaluation run as written to {@code report.json}: run metadata, aggregates and every case.
 *
 * <pre>{@code
 * {"run": {...},
 *  "retrieval": {"hybrid": {"ndcg@10": 0.93, "recall@10": 0.98, "recall@100": 1.0, "mrr@10": 0.91, ...}, ...},
 *  "answers": {"right_with_citation": 0.82, "abstain_precision": 0.9, "abstain_recall": 0.62, "f1": 0.41, "leaks": 0, ...},
 *  "judge": null,
 *  "tags": {"pdf": {"cases": 20, "metrics": {...}}},
 *  "cases": [...]}
 * }</pre>
 *
 * Every aggregate is computed from the cases' own {@code metrics} by {@link #of}: a mean over the cases a metric
 * applies to, a sum for counts (leaks, cost, tokens), p50 and p95 for latencies.
 *
 * @param retrieval per mode, its metrics (and {@code queries}: the cases with labelled relevant documents)
 * @param answers answer metrics; empty when answers were not evaluated
 * @param judge judge aggregates; null without a judge
 * @param tags per tag, the number of cases and the headline metrics over them
 */
public record Report(
        RunInfo run,
        Map<String, Map<String, Number>> retrieval,
        Map<String, Number> answers,
        JudgeSummary judge,
        Map<String, TagSummary> tags,
        List<CaseReport> cases) {

    public Report {
        Objects.requireNonNull(run, "run");
        retrieval = Reports.ordered(retrieval);
        answers = Reports.ordered(answers);
        tags = Reports.ordered(tags);
        cases = List.copyOf(cases);
    }

    /** Judge aggregates: means over the cases judged, how many failed, and the judge's own cost. */
    public record JudgeSummary(
            String judge,
            int judged,
            int failures,
            Double faithfulness,
            Double relevance,
            Double correctness,
            double costUsd) {}

    /** A tag's cases and their headline metrics. */
    public record TagSummary(int cases, Map<String, Double> metrics) {
        public TagSummary {
            metrics = Reports.ordered(metrics);
        }
    }

    /** The report of these cases, every aggregate computed from their metrics. */
    public static Report of(RunInfo run, List<CaseReport> cases) {
        Map<String, Map<String, Number>> retrieval = new LinkedHashMap<>();
        for (String mode : run.modes()) {
            Map<String, Number> metrics = new LinkedHashMap<>();
            for (String metric : MetricNames.RETRIEVAL) {
                mean(cases, MetricNames.retrieval(mode, metric)).ifPresent(v -> metrics.put(metric, v));
            }
            metrics.put("queries", count(cases, MetricNames.retrieval(mode, MetricNames.NDCG_10)));
            percentiles(metrics, cases, MetricNames.retrieval(mode, MetricNames.LATENCY_MS));
            retrieval.put(mode, metrics);
        }
        return new Report(run, retrieval, answers(cases), judge(run, cases), tags(run, cases), cases);
    }

    /** Every aggregate under its flat name ({@code retrieval.hybrid.ndcg@10}, {@code answers.f1}, {@code judge.relevance}). */
    public Map<String, Double> flatMetrics() {
        Map<String, Double> flat = new LinkedHashMap<>();
        retrieval.forEach((mode, metrics) ->
                metrics.forEach((name, value) -> flat.put(MetricNames.retrieval(mode, name), value.doubleValue())));
        answers.forEach((name, value) -> flat.put(MetricNames.answers(name), value.doubleValue()));
        if (judge != null) {
            put(flat, MetricNames.judge(MetricNames.FAITHFULNESS), judge.faithfulness());
            put(flat, MetricNames.judge(MetricNames.RELEVANCE), judge.relevance());
            put(flat, MetricNames.judge(MetricNames.CORRECTNESS), judge.correctness());
        }
        return flat;
    }

    private static void put(Map<String, Double> flat, String name, Double value) {
        if (value != null) {
            flat.put(name, value);
        }
    }

    private static Map<String, Number> answers(List<CaseReport> cases) {
        List<CaseReport> answered =
                cases.stream().filter(c -> c.answer() != null).toList();
        Map<String, Number> answers = new LinkedHashMap<>();
        if (answered.isEmpty()) {
            return answers;
        }
        answers.put("cases", answered.size());
        answers.put(
                "answerable", answered.stream().filter(CaseReport::answerable).count());
        answers.put(
                "unanswerable", answered.stream().filter(c -> !c.answerable()).count());
        answers.put(
                "abstained",
                answered.stream().filter(c -> c.answer().abstained()).count());
        answers.put(
                "wrong_abstentions",
                answered.stream()
                        .filter(c -> c.answerable() && c.answer().abstained())
                        .count());
        for (String metric : MetricNames.ANSWER_RATES) {
            mean(answered, MetricNames.answers(metric)).ifPresent(v -> answers.put(metric, v));
        }
        answers.put(MetricNames.LEAKS, (long) sum(answered, MetricNames.answers(MetricNames.LEAKS)));
        answers.put(
                "degraded", answered.stream().filter(c -> c.answer().degraded()).count());
        percentiles(answers, answered, MetricNames.answers(MetricNames.LATENCY_MS));
        answers.put(MetricNames.COST_USD, Reports.round(sum(answered, MetricNames.answers(MetricNames.COST_USD))));
        answers.put(MetricNames.INPUT_TOKENS, (long) sum(answered, MetricNames.answers(MetricNames.INPUT_TOKENS)));
        answers.put(MetricNames.OUTPUT_TOKENS, (long) sum(answered, MetricNames.answers(MetricNames.OUTPUT_TOKENS)));
        return answers;
    }

    private static JudgeSummary judge(RunInfo run, List<CaseReport> cases) {
        if (run.judge() == null) {
            return null;
        }
        List<CaseReport> judged = cases.stream().filter(c -> c.judge() != null).toList();
        int failures =
                (int) judged.stream().filter(c -> c.judge().error() != null).count();
        double cost = judged.stream().mapToDouble(c -> c.judge().costUsd()).sum();
        return new JudgeSummary(
                run.judge(),
                judged.size() - failures,
                failures,
                boxed(mean(cases, MetricNames.judge(MetricNames.FAITHFULNESS))),
                boxed(mean(cases, MetricNames.judge(MetricNames.RELEVANCE))),
                boxed(mean(cases, MetricNames.judge(MetricNames.CORRECTNESS))),
                Reports.round(cost));
    }

    /** Headline metrics per tag: each mode's nDCG@10 and recall@10, and the answer rates. */
    private static Map<String, TagSummary> tags(RunInfo run, List<CaseReport> cases) {
        Map<String, List<CaseReport>> byTag = new TreeMap<>();
        cases.forEach(c -> new TreeSet<>(c.tags())
                .forEach(t -> byTag.computeIfAbsent(t, x -> new ArrayList<>()).add(c)));
        List<String> names = new ArrayList<>();
        for (String mode : run.modes()) {
            names.add(MetricNames.retrieval(mode, MetricNames.NDCG_10));
            names.add(MetricNames.retrieval(mode, MetricNames.recall(10)));
        }
        List.of(
                        MetricNames.RIGHT_WITH_CITATION,
                        MetricNames.F1,
                        MetricNames.ABSTAIN_RECALL,
                        MetricNames.ASSERTIONS_PASSED)
                .forEach(m -> names.add(MetricNames.answers(m)));
        MetricNames.JUDGE.forEach(m -> names.add(MetricNames.judge(m)));
        Map<String, TagSummary> tags = new LinkedHashMap<>();
        byTag.forEach((tag, tagged) -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            names.forEach(name -> mean(tagged, name).ifPresent(v -> metrics.put(name, v)));
            tags.put(tag, new TagSummary(tagged.size(), metrics));
        });
        return tags;
    }

    /** The mean of a metric over the cases that have it, rounded; empty when none has it. */
    public static OptionalDouble mean(Collection<CaseReport> cases, String name) {
        OptionalDouble mean = Stats.mean(values(cases, name));
        return mean.isPresent() ? OptionalDouble.of(Reports.round(mean.getAsDouble())) : mean;
    }

    private static double sum(Collection<CaseReport> cases, String name) {
        return values(cases, name).stream().mapToDouble(Double::doubleValue).sum();
    }

    private static int count(Collection<CaseReport> cases, String name) {
        return values(cases, name).size();
    }

    private static void percentiles(Map<String, Number> into, List<CaseReport> cases, String name) {
        List<Double> values = values(cases, name);
        String metric = name.substring(name.lastIndexOf('.') + 1);
        Stats.percentile(values, 50).ifPresent(v -> into.put(metric + "_p50", Reports.round(v)));
        Stats.percentile(values, 95).ifPresent(v -> into.put(metric + "_p95", Reports.round(v)));
    }

    private static List<Double> values(Collection<CaseReport> cases, String name) {
        List<Double> values = new ArrayList<>();
        for (CaseReport c : cases) {
            Double value = c.metrics().get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
