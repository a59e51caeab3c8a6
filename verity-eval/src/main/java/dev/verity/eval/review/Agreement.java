package dev.verity.eval.review;

import java.util.List;

/**
 * Agreement of two graders on the same items, after binarising each score (≥ {@link #PASS} counts as a pass):
 * percent agreement and Cohen's kappa, κ = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>), where p<sub>o</sub>
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
        int n = a.size();
        if (n == 0) {
            return new Agreement(0, Double.NaN, Double.NaN);
        }
        int agree = 0;
        int passA = 0;
        int passB = 0;
        for (int i = 0; i < n; i++) {
            boolean x = a.get(i) >= PASS;
            boolean y = b.get(i) >= PASS;
            agree += x == y ? 1 : 0;
            passA += x ? 1 : 0;
            passB += y ? 1 : 0;
        }
        double observed = (double) agree / n;
        double pa = (double) passA / n;
        double pb = (double) passB / n;
        double chance = pa * pb + (1 - pa) * (1 - pb);
        double kappa = chance >= 1 ? Double.NaN : (observed - chance) / (1 - chance);
        return new Agreement(n, observed, kappa);
    }
}
