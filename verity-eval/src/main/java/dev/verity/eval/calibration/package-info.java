/**
 * Judge calibration: how far the configured judge ({@link dev.verity.evaluation.AnswerJudge}) can be trusted, measured
 * as its agreement with human grades on a labelled sample. {@link dev.verity.eval.calibration.LabelledSample} reads the
 * sample (JSONL, format in {@code docs/eval-judge.md}); {@link dev.verity.eval.calibration.JudgeCalibration} judges
 * every answer and reports, per dimension, the {@link dev.verity.eval.metrics.Agreement} with the humans, both sides'
 * means and the cases they disagree on.
 *
 * <pre>{@code
 * List<LabelledSample.Case> cases = LabelledSample.read(Path.of("graded.jsonl"));
 * JudgeCalibration.Report report = JudgeCalibration.run(judge, cases, 4);
 * for (JudgeCalibration.DimensionResult d : report.dimensions()) {
 *     System.out.println(d.dimension().label() + ": " + d.agreement().kappa() + ", disagree on " + d.disagreements());
 * }
 * }</pre>
 *
 * The judge is a seam of the core; its LLM implementation lives in {@code verity-llm}, which this package never sees.
 */
@NullMarked
package dev.verity.eval.calibration;

import org.jspecify.annotations.NullMarked;
