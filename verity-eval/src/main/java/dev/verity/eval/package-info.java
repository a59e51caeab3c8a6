/**
 * Verity's evaluation harness, in one module: it scores retrieval apart from answers, on Verity datasets (labelled
 * questions over your documents) and on public BEIR-format benchmarks, writes reports, gates changes against a
 * baseline, calibrates the judge against human grades and takes human review.
 *
 * <p>The use-cases, each called by one {@code verity eval} command that only parses options and prints:
 * <ul>
 *   <li>{@link dev.verity.eval.EvaluationService}: run an evaluation ({@code verity eval}), ingesting a corpus first
 *       into a fresh temporary data folder when asked, over a {@link dev.verity.eval.Workspace} the application opens;
 *   <li>{@link dev.verity.eval.calibration.JudgeCalibration}: calibrate the judge against a labelled sample
 *       ({@code verity eval calibrate});
 *   <li>{@link dev.verity.eval.review.ReviewSample} and {@link dev.verity.eval.review.Grades}: sample answers for human
 *       review and read the grades back ({@code verity eval sample}, {@code verity eval grades});
 *   <li>{@link dev.verity.eval.compare.Comparison}: compare two runs ({@code verity eval compare}).
 * </ul>
 *
 * The packages beneath:
 * <ul>
 *   <li>{@code dataset}: the two dataset formats, read with errors that name file and line;
 *   <li>{@code metrics}: ranking metrics (trec_eval definitions), context precision/recall, answer text metrics
 *       (SQuAD), percentiles, and the one {@code Agreement} (percent agreement, Cohen's kappa) of two raters;
 *   <li>{@code run}: the run itself — per case, every retrieval mode, then the answer, its assertions and an optional
 *       judge;
 *   <li>{@code report}: {@code report.json}, a self-contained {@code report.html} and {@code report.md};
 *   <li>{@code gate}: the regression gate against a committed baseline;
 *   <li>{@code compare}: paired differences between two runs with bootstrap confidence intervals;
 *   <li>{@code review}: samples for human grading and judge-human agreement;
 *   <li>{@code calibration}: the judge against a human-labelled sample.
 * </ul>
 *
 * <pre>{@code
 * EvaluationService service = new EvaluationService(workspaces); // workspaces: from the composition root
 * Dataset golden = VerityJsonl.read(Path.of("samples/golden.jsonl"));
 * EvaluationResult result = service.evaluate(new EvaluationRequest(golden, EvalSettings.defaults(),
 *         List.of(CorpusSource.of(Path.of("samples/corpus"), golden.format())), false, Optional.empty(),
 *         Optional.of(Path.of("samples/eval-baseline.json")), Gate.DEFAULT_TOLERANCE, false),
 *         EvaluationListener.silent());
 * System.out.println(result.folder() + (result.passed() ? ": passed" : ": a gated metric dropped"));
 * }</pre>
 *
 * Or, with the parts alone and a retriever at hand:
 * <pre>{@code
 * List<CaseReport> cases = new EvalRunner(retriever, Optional.of(queryService), Optional.empty())
 *         .run(golden, EvalSettings.defaults(), RunListener.none());
 * Report report = Report.of(runInfo, cases); // runInfo: dataset, configuration fingerprint, timestamps
 * ReportWriter.write(report, Path.of("eval-reports/golden"));
 * GateResult gate = Gate.check(report, Baseline.read(Path.of("samples/eval-baseline.json")), 0.02);
 * }</pre>
 *
 * No framework types: the harness takes the core's seams ({@code Retriever}, {@code QueryService},
 * {@code AnswerJudge}) and small interfaces of its own ({@link dev.verity.eval.Workspaces}), and is wired by the
 * application. {@code AnswerJudge} stays in the core as a seam: its LLM implementation lives in verity-llm.
 */
@NullMarked
package dev.verity.eval;

import org.jspecify.annotations.NullMarked;
