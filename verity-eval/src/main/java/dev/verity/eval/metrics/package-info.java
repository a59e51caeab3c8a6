/**
 * Metric arithmetic, free of any run machinery so each formula can be tested by hand:
 * {@link dev.verity.eval.metrics.RankingMetrics} (nDCG, recall, reciprocal rank as trec_eval defines them),
 * {@link dev.verity.eval.metrics.ContextMetrics} (labelled context precision and recall),
 * {@link dev.verity.eval.metrics.AnswerText} (SQuAD exact match and token F1, label matching) and
 * {@link dev.verity.eval.metrics.Stats} (means and percentiles).
 */
package dev.verity.eval.metrics;
