/**
 * Comparing runs: {@link dev.verity.eval.compare.Comparison} pairs cases by id and reports each metric's mean
 * difference with a seeded percentile {@link dev.verity.eval.compare.Bootstrap} 95% interval.
 */
package dev.verity.eval.compare;
