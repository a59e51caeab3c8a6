/**
 * Human review: {@link dev.verity.eval.review.ReviewSample} exports a seeded random sample of answers for grading,
 * {@link dev.verity.eval.review.Grades} reads the grades back and reports human scores and, against the judge's,
 * {@link dev.verity.eval.review.Agreement} (percent agreement and Cohen's kappa on binarised scores).
 */
package dev.verity.eval.review;
