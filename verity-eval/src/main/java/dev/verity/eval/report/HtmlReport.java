package dev.verity.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, no external font or image) with the
 * metric bars per mode, the answer metrics, the per-tag breakdown, score distributions and the worst cases with the
 * passages they retrieved.
 */
final class HtmlReport {
    /** Worst cases shown with their passages. */
    private static final int WORST_CASES = 20;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
            h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
            th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .meta td:first-child{color:#666}.fail{color:#b00020}.ok{color:#0a7d32}
            details{border:1px solid #ddd;border-radius:4px;margin:.5rem 0;padding:.4rem .7rem}
            summary{cursor:pointer}.passage{white-space:pre-wrap;font-size:.8rem;background:#fafafa;padding:.3rem}
            .rel{border-left:4px solid #009E73}.irr{border-left:4px solid #ddd}.muted{color:#666;font-size:.85rem}
            """;

    private HtmlReport() {}

    static String render(Report report) {
        RunInfo run = report.run();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Verity eval: ")
                .append(esc(run.dataset()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        h.append("<h1>Verity evaluation: ").append(esc(run.dataset())).append("</h1>");
        runTable(h, run);
        retrieval(h, report);
        answers(h, report);
        judge(h, report);
        tags(h, report);
        distributions(h, report);
        worst(h, report);
        return h.append("</body></html>\n").toString();
    }

    private static void runTable(StringBuilder h, RunInfo run) {
        h.append("<table class='meta'>");
        row(h, "cases", Integer.toString(run.cases()));
        row(h, "format", run.format() + (run.split() == null ? "" : " (split " + run.split() + ")"));
        row(h, "modes", String.join(", ", run.modes()) + " · k " + run.k() + " · depth " + run.depth() + " chunks");
        row(h, "collection", run.collection());
        if (run.answerMode() != null) {
            row(h, "answers", "retrieval " + run.answerMode() + ", top " + run.answerTopK());
        }
        row(h, "config", run.configFingerprint());
        run.config().forEach((k, v) -> rowWithHtmlName(h, "&nbsp;&nbsp;" + esc(k), v));
        if (run.judge() != null) {
            row(h, "judge", run.judge());
        }
        if (run.ingest() != null) {
            RunInfo.IngestInfo i = run.ingest();
            row(
                    h,
                    "ingested",
                    "%s: %d documents (%d rejected), %d chunks in %.1f s"
                            .formatted(i.corpus(), i.documents(), i.rejected(), i.chunks(), i.durationMs() / 1000.0));
        }
        row(
                h,
                "run",
                run.startedAt() + " → " + run.finishedAt() + " (" + fmt("%.1f", run.durationMs() / 1000.0) + " s)");
        h.append("</table>");
    }

    private static void retrieval(StringBuilder h, Report report) {
        if (report.retrieval().isEmpty()) {
            return;
        }
        h.append("<h2>Retrieval</h2>");
        List<String> metrics = MetricNames.RETRIEVAL;
        List<String> modes = new ArrayList<>(report.retrieval().keySet());
        double[][] values = new double[modes.size()][metrics.size()];
        for (int s = 0; s < modes.size(); s++) {
            Map<String, Number> m = report.retrieval().get(modes.get(s));
            for (int g = 0; g < metrics.size(); g++) {
                Number v = m.get(metrics.get(g));
                values[s][g] = v == null ? Double.NaN : v.doubleValue();
            }
        }
        h.append(Svg.bars(metrics, modes, values));
        h.append("<table><tr><th>mode</th>");
        metrics.forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
        h.append("<th>queries</th><th>p50 ms</th><th>p95 ms</th></tr>");
        report.retrieval().forEach((mode, m) -> {
            h.append("<tr><td>").append(esc(mode)).append("</td>");
            metrics.forEach(name -> cell(h, m.get(name), "%.3f"));
            cell(h, m.get("queries"), "%.0f");
            cell(h, m.get("latency_ms_p50"), "%.1f");
            cell(h, m.get("latency_ms_p95"), "%.1f");
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private static void answers(StringBuilder h, Report report) {
        Map<String, Number> a = report.answers();
        if (a.isEmpty()) {
            return;
        }
        h.append("<h2>Answers</h2>");
        List<String> rates =
                MetricNames.ANSWER_RATES.stream().filter(a::containsKey).toList();
        double[][] values = new double[1][rates.size()];
        for (int g = 0; g < rates.size(); g++) {
            values[0][g] = a.get(rates.get(g)).doubleValue();
        }
        h.append(Svg.bars(rates, List.of("answers"), values));
        h.append("<table>");
        a.forEach((name, value) -> {
            h.append("<tr><td>").append(esc(name)).append("</td>");
            cell(h, value, value instanceof Double ? "%.4f" : "%.0f");
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private static void judge(StringBuilder h, Report report) {
        Report.JudgeSummary j = report.judge();
        if (j == null) {
            return;
        }
        h.append("<h2>Judge</h2><table>");
        row(h, "judge", j.judge());
        row(h, "faithfulness", num(j.faithfulness()));
        row(h, "relevance", num(j.relevance()));
        row(h, "correctness", num(j.correctness()));
        row(h, "judged / failed", j.judged() + " / " + j.failures());
        row(h, "cost", fmt("$%.4f", j.costUsd()));
        h.append("</table>");
    }

    private static void tags(StringBuilder h, Report report) {
        if (report.tags().isEmpty()) {
            return;
        }
        List<String> columns = report.tags().values().stream()
                .flatMap(t -> t.metrics().keySet().stream())
                .distinct()
                .toList();
        h.append("<h2>Per tag</h2><table><tr><th>tag</th><th>cases</th>");
        columns.forEach(c -> h.append("<th>")
                .append(esc(c.replace("retrieval.", "").replace("answers.", "")))
                .append("</th>"));
        h.append("</tr>");
        report.tags().forEach((tag, t) -> {
            h.append("<tr><td>")
                    .append(esc(tag))
                    .append("</td><td class='n'>")
                    .append(t.cases())
                    .append("</td>");
            for (String c : columns) {
                Double v = t.metrics().get(c);
                if (v == null) {
                    h.append("<td></td>");
                } else {
                    // a heat map: red at 0, green at 1
                    h.append("<td class='n' style='background:hsl(")
                            .append(Math.round(v * 120))
                            .append(",60%,85%)'>")
                            .append(fmt("%.2f", v))
                            .append("</td>");
                }
            }
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private static void distributions(StringBuilder h, Report report) {
        h.append("<h2>Score distributions</h2>");
        List<String> modes = new ArrayList<>(report.retrieval().keySet());
        if (!modes.isEmpty()) {
            h.append("<p class='muted'>Per-case nDCG@10 by mode</p>");
            h.append(Svg.histogram(
                    modes,
                    modes.stream()
                            .map(m -> values(report, MetricNames.retrieval(m, MetricNames.NDCG_10)))
                            .toList()));
        }
        List<String> series = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (String name : List.of(
                MetricNames.answers(MetricNames.F1),
                MetricNames.judge(MetricNames.FAITHFULNESS),
                MetricNames.judge(MetricNames.RELEVANCE),
                MetricNames.judge(MetricNames.CORRECTNESS))) {
            List<Double> v = values(report, name);
            if (!v.isEmpty()) {
                series.add(name);
                values.add(v);
            }
        }
        if (!series.isEmpty()) {
            h.append("<p class='muted'>Per-case answer scores</p>").append(Svg.histogram(series, values));
        }
    }

    private static void worst(StringBuilder h, Report report) {
        List<CaseReport> worst = Worst.cases(report, WORST_CASES);
        String primary = Worst.primaryMode(report.run());
        h.append("<h2>Worst cases</h2><p class='muted'>Failed assertions first, then the lowest nDCG@10 (")
                .append(esc(primary))
                .append("); ")
                .append(worst.size())
                .append(" shown.</p>");
        for (CaseReport c : worst) {
            h.append("<details><summary><b>").append(esc(c.id())).append("</b> ");
            if (c.answer() != null) {
                long failed = Worst.failures(c);
                h.append(
                        failed == 0
                                ? "<span class='ok'>passed</span>"
                                : "<span class='fail'>" + failed + " failed</span>");
            }
            Double ndcg = c.metrics().get(MetricNames.retrieval(primary, MetricNames.NDCG_10));
            if (ndcg != null) {
                h.append(" · nDCG@10 ").append(fmt("%.2f", ndcg));
            }
            h.append(" — ").append(esc(c.question())).append("</summary>");
            h.append("<p class='muted'>expected: ").append(esc(String.join(", ", c.expectedSources())));
            if (!c.expectedPages().isEmpty()) {
                h.append(" p. ").append(esc(c.expectedPages().toString()));
            }
            if (!c.tags().isEmpty()) {
                h.append(" · tags: ").append(esc(String.join(", ", c.tags())));
            }
            h.append("</p>");
            if (!c.referenceAnswer().isEmpty()) {
                h.append("<p><b>Reference:</b> ")
                        .append(esc(c.referenceAnswer()))
                        .append("</p>");
            }
            if (c.answer() != null) {
                CaseReport.AnswerReport a = c.answer();
                h.append("<p><b>")
                        .append(a.abstained() ? "Abstained" : "Answer")
                        .append(":</b> ")
                        .append(esc(a.text()))
                        .append(" <span class='muted'>(confidence ")
                        .append(fmt("%.2f", a.confidence()))
                        .append(")</span></p><ul>");
                for (CaseReport.AssertionReport x : a.assertions()) {
                    h.append("<li class='")
                            .append(x.passed() ? "ok" : "fail")
                            .append("'>")
                            .append(esc(x.name()))
                            .append(x.detail().isEmpty() ? "" : ": " + esc(x.detail()))
                            .append("</li>");
                }
                h.append("</ul>");
                for (CaseReport.CitationReport cit : a.citations()) {
                    h.append("<div class='passage ")
                            .append(cit.supporting() ? "rel" : "irr")
                            .append("'>")
                            .append(a.abstained() ? "closest: " : "cited ")
                            .append(esc(cit.source()))
                            .append(cit.page() > 0 ? " p." + cit.page() : "")
                            .append(": “")
                            .append(esc(cit.quote()))
                            .append("”</div>");
                }
            }
            if (c.judge() != null) {
                CaseReport.JudgeReport j = c.judge();
                h.append("<p class='muted'>judge: ")
                        .append(
                                j.error() != null
                                        ? "failed: " + esc(j.error())
                                        : "faithfulness " + num(j.faithfulness()) + ", relevance " + num(j.relevance())
                                                + ", correctness " + num(j.correctness()))
                        .append("</p>");
            }
            c.retrieval().forEach((mode, m) -> {
                h.append("<p class='muted'>").append(esc(mode)).append(" documents: ");
                m.documents()
                        .forEach(d -> h.append(d.grade() > 0 ? "<b class='ok'>" : "<span>")
                                .append(d.rank())
                                .append(". ")
                                .append(esc(d.source()))
                                .append(d.grade() > 0 ? "</b> " : "</span> "));
                h.append("</p>");
            });
            CaseReport.ModeReport passages = c.retrieval().get(primary);
            if (passages != null) {
                for (CaseReport.PassageReport p : passages.passages()) {
                    h.append("<div class='passage ")
                            .append(p.relevant() ? "rel" : "irr")
                            .append("'><b>")
                            .append(p.rank())
                            .append(". ")
                            .append(esc(p.source()))
                            .append(p.page() > 0 ? " p." + p.page() : "")
                            .append(p.section().isEmpty() ? "" : " · " + esc(p.section()))
                            .append("</b> <span class='muted'>score ")
                            .append(fmt("%.4f", p.score()))
                            .append("</span>\n")
                            .append(esc(p.text()))
                            .append("</div>");
                }
            }
            h.append("</details>");
        }
    }

    private static List<Double> values(Report report, String name) {
        return report.cases().stream()
                .map(c -> c.metrics().get(name))
                .filter(v -> v != null)
                .toList();
    }

    private static void row(StringBuilder h, String name, String value) {
        rowWithHtmlName(h, esc(name), value);
    }

    private static void rowWithHtmlName(StringBuilder h, String nameHtml, String value) {
        h.append("<tr><td>")
                .append(nameHtml)
                .append("</td><td>")
                .append(esc(value))
                .append("</td></tr>");
    }

    private static void cell(StringBuilder h, Number value, String format) {
        h.append("<td class='n'>")
                .append(value == null ? "–" : fmt(format, value.doubleValue()))
                .append("</td>");
    }

    private static String num(Double value) {
        return value == null ? "–" : fmt("%.3f", value);
    }

    private static String esc(String text) {
        return Html.escape(text);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
