/**
 * Metric arithmetic, free of any run machinery so each formula can be tested by hand:
 * {@link dev.verity.eval.metrics.RankingMetrics} (nDCG, recall, reciprocal rank as trec_eval defines them),
 * {@link dev.verity.eval.metrics.ContextMetrics} (labelled context precision and recall),
 * {@link dev.verity.eval.metrics.AnswerText} (SQuAD exact match and token F1, label matching),
 * {@link dev.verity.eval.metrics.Stats} (means and percentiles) and {@link dev.verity.eval.metrics.Agreement}
 * (percent agreement and Cohen's kappa of two raters, used by judge calibration and human review).
 *
 * <pre>{@code
 * Agreement a = Agreement.ofScores(List.of(1.0, 0.2, 0.9), List.of(1.0, 0.0, 0.0));
 * a.observed(); // 2/3: both pass the first, both fail the second
 * a.kappa();    // 0.4: what remains after the agreement chance alone would give
 * }</pre>
 */
@NullMarked
package dev.verity.eval.metrics;

import org.jspecify.annotations.NullMarked;
