package dev.verity.eval.review;

import java.util.List;

/**
 * Agreement of two graders on the same items, after binarising each score (≥ {@link #PASS} counts as a pass):
 * percent agreement and Cohen's kappa (the arithmetic is the core's {@link dev.verity.evaluation.Agreement}), κ = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>), where p<sub>o</sub>
 * is the observed agreement and p<sub>e</sub> the agreement expected by chance from each grader's pass rate.
 *
 * @param pairs items both graded
 * @param percent p<sub>o</sub>
 * @param kappa NaN when chance agreement is total (both graders gave one and the same verdict to everything): kappa
 *     is then undefined
 */
public record Agreement(int pairs, double percent, double kappa) {
    /** Scores at or above this are a pass. */
    public static final double PASS = 0.5;

    public static Agreement of(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("both graders must grade the same items, got " + a.size() + " and "
                    + b.size() + " scores");
        }
        dev.verity.evaluation.Agreement table = dev.verity.evaluation.Agreement.of(
                a.stream().map(score -> score >= PASS).toList(), b.stream().map(score -> score >= PASS).toList());
        return new Agreement(table.n(), table.observed().orElse(Double.NaN), table.kappa().orElse(Double.NaN));
    }
}
