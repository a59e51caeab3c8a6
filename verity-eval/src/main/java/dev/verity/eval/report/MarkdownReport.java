package dev.verity.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code report.md}: the summary a pull request can quote. */
final class MarkdownReport {
    /** Failed cases listed in the summary; the rest are in report.json and report.html. */
    private static final int CASES_LISTED = 25;

    private MarkdownReport() {}

    static String render(Report report) {
        RunInfo run = report.run();
        List<String> out = new ArrayList<>();
        out.add("# Evaluation: " + run.dataset());
        out.add("");
        out.add("%d cases · %s%s · modes %s · k %d · config %s · %s → %s (%.1f s)"
                .formatted(
                        run.cases(),
                        run.format(),
                        run.split() == null ? "" : " (" + run.split() + ")",
                        String.join(", ", run.modes()),
                        run.k(),
                        run.configFingerprint(),
                        run.startedAt(),
                        run.finishedAt(),
                        run.durationMs() / 1000.0));
        if (run.ingest() != null) {
            out.add("");
            out.add("Ingested %s first: %d documents (%d rejected), %d chunks in %.1f s."
                    .formatted(
                            run.ingest().corpus(),
                            run.ingest().documents(),
                            run.ingest().rejected(),
                            run.ingest().chunks(),
                            run.ingest().durationMs() / 1000.0));
        }
        out.add("");
        out.add("## Retrieval");
        out.add("");
        out.add(
                "| mode | nDCG@10 | R@1 | R@5 | R@10 | R@20 | R@100 | MRR@10 | context P | context R | p50 ms | p95 ms |");
        out.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        report.retrieval()
                .forEach((mode, m) -> out.add("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |"
                        .formatted(
                                mode,
                                num(m, "ndcg@10"),
                                num(m, "recall@1"),
                                num(m, "recall@5"),
                                num(m, "recall@10"),
                                num(m, "recall@20"),
                                num(m, "recall@100"),
                                num(m, "mrr@10"),
                                num(m, "context_precision"),
                                num(m, "context_recall"),
                                ms(m, "latency_ms_p50"),
                                ms(m, "latency_ms_p95"))));
        if (!report.answers().isEmpty()) {
            Map<String, Number> a = report.answers();
            out.add("");
            out.add("## Answers");
            out.add("");
            out.add("| metric | value |");
            out.add("|---|---|");
            out.add("| right with citation | %s (of %s answerable) |"
                    .formatted(num(a, "right_with_citation"), a.get("answerable")));
            out.add("| exact match / token F1 | %s / %s |".formatted(num(a, "exact_match"), num(a, "f1")));
            out.add("| citation precision | %s |".formatted(num(a, "citation_precision")));
            out.add("| abstention precision / recall | %s / %s (%s abstained, %s unanswerable, %s wrong abstentions) |"
                    .formatted(
                            num(a, "abstain_precision"),
                            num(a, "abstain_recall"),
                            a.get("abstained"),
                            a.get("unanswerable"),
                            a.get("wrong_abstentions")));
            out.add("| leaks | %s |".formatted(a.get("leaks")));
            out.add("| all assertions passed | %s |".formatted(num(a, "assertions_passed")));
            out.add("| latency p50 / p95 | %s / %s ms |".formatted(ms(a, "latency_ms_p50"), ms(a, "latency_ms_p95")));
            out.add("| cost | $%.4f (%s input, %s output tokens) |"
                    .formatted(
                            a.getOrDefault("cost_usd", 0).doubleValue(),
                            a.get("input_tokens"),
                            a.get("output_tokens")));
        }
        if (report.judge() != null) {
            Report.JudgeSummary j = report.judge();
            out.add("");
            out.add("## Judge: " + j.judge());
            out.add("");
            out.add("faithfulness %s · relevance %s · correctness %s · %d judged, %d failed · $%.4f"
                    .formatted(
                            num(j.faithfulness()),
                            num(j.relevance()),
                            num(j.correctness()),
                            j.judged(),
                            j.failures(),
                            j.costUsd()));
        }
        if (!report.tags().isEmpty()) {
            List<String> columns = report.tags().values().stream()
                    .flatMap(t -> t.metrics().keySet().stream())
                    .distinct()
                    .toList();
            out.add("");
            out.add("## Per tag");
            out.add("");
            out.add("| tag | cases | " + String.join(" | ", columns) + " |");
            out.add("|---|---|" + "---|".repeat(columns.size()));
            report.tags()
                    .forEach((tag, t) -> out.add("| " + tag + " | " + t.cases() + " | "
                            + columns.stream().map(c -> num(t.metrics().get(c))).collect(Collectors.joining(" | "))
                            + " |"));
        }
        List<CaseReport> failed = report.cases().stream()
                .filter(c -> Boolean.FALSE.equals(c.passed()))
                .toList();
        if (!failed.isEmpty()) {
            out.add("");
            out.add("## Failed cases (%d%s)"
                    .formatted(failed.size(), failed.size() > CASES_LISTED ? ", first " + CASES_LISTED : ""));
            out.add("");
            out.add("| id | failed | question → answer |");
            out.add("|---|---|---|");
            failed.stream()
                    .limit(CASES_LISTED)
                    .forEach(c -> out.add("| %s | %s | %s |"
                            .formatted(
                                    c.id(),
                                    c.answer().assertions().stream()
                                            .filter(x -> !x.passed())
                                            .map(x -> x.name() + (x.detail().isEmpty() ? "" : ": " + x.detail()))
                                            .collect(Collectors.joining("; ")),
                                    cell(c.question() + " → "
                                            + (c.answer().abstained()
                                                    ? "(abstained)"
                                                    : c.answer().text())))));
        }
        return String.join("\n", out).replace("| null |", "| – |") + "\n";
    }

    private static String num(Map<String, ? extends Number> metrics, String name) {
        Number value = metrics.get(name);
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", value.doubleValue());
    }

    private static String num(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String ms(Map<String, ? extends Number> metrics, String name) {
        Number value = metrics.get(name);
        return value == null ? "–" : String.format(Locale.ROOT, "%.0f", value.doubleValue());
    }

    private static String cell(String text) {
        String flat = text.replace("|", "/").replace("\n", " ");
        return flat.length() > 240 ? flat.substring(0, 240) + "…" : flat;
    }
}
