/**
 * Human review: {@link dev.verity.eval.review.ReviewSample} exports a seeded random sample of a run's answers for
 * grading, {@link dev.verity.eval.review.Grades} reads the grades back and reports human scores and, against the
 * judge's, {@link dev.verity.eval.metrics.Agreement} (percent agreement and Cohen's kappa on binarised scores).
 *
 * <pre>{@code
 * Report run = Reports.read(Path.of("eval-reports/run1"));
 * List<CaseReport> sample = ReviewSample.draw(run, 50, ReviewSample.DEFAULT_SEED);
 * ReviewSample.write(sample, Path.of("review.csv"));
 * // … people fill in the human_* columns (0–1 or yes/no) …
 * for (Grades.Dimension d : Grades.read(Path.of("review.csv")).summary()) {
 *     System.out.println(d.name() + ": kappa " + d.agreement().kappa());
 * }
 * }</pre>
 *
 * Judge calibration against a labelled sample, rather than against a run's own answers, is
 * {@code dev.verity.eval.calibration}.
 */
@NullMarked
package dev.verity.eval.review;

import org.jspecify.annotations.NullMarked;
