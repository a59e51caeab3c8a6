/**
 * Comparing runs: {@link dev.verity.eval.compare.Comparison} pairs cases by id and reports each metric's mean
 * difference with a seeded percentile {@link dev.verity.eval.compare.Bootstrap} 95% interval.
 */
@NullMarked
package dev.verity.eval.compare;

import org.jspecify.annotations.NullMarked;
