/**
 * Verity's evaluation harness: it scores retrieval apart from answers, on Verity datasets (labelled questions over
 * your documents) and on public BEIR-format benchmarks, writes reports, and gates changes against a baseline.
 *
 * <ul>
 *   <li>{@code dataset}: the two dataset formats, read with errors that name file and line;
 *   <li>{@code metrics}: ranking metrics (trec_eval definitions), context precision/recall, answer text metrics
 *       (SQuAD), percentiles;
 *   <li>{@code run}: the run itself — per case, every retrieval mode, then the answer, its assertions and an optional
 *       judge;
 *   <li>{@code report}: {@code report.json}, a self-contained {@code report.html} and {@code report.md};
 *   <li>{@code gate}: the regression gate against a committed baseline;
 *   <li>{@code compare}: paired differences between two runs with bootstrap confidence intervals;
 *   <li>{@code review}: samples for human grading and judge-human agreement.
 * </ul>
 *
 * <pre>{@code
 * Dataset golden = VerityJsonl.read(Path.of("samples/golden.jsonl"));
 * List<CaseReport> cases = new EvalRunner(retriever, Optional.of(queryService), Optional.empty())
 *         .run(golden, EvalSettings.defaults(), RunListener.none());
 * Report report = Report.of(runInfo, cases); // runInfo: dataset, configuration fingerprint, timestamps
 * ReportWriter.write(report, Path.of("eval-reports/golden"));
 * GateResult gate = Gate.check(report, Baseline.read(Path.of("samples/eval-baseline.json")), 0.02);
 * }</pre>
 *
 * No framework types: the harness takes the core's seams ({@code Retriever}, {@code QueryService},
 * {@code AnswerJudge}) and is wired by the application.
 */
package dev.verity.eval;
