package dev.verity.eval.metrics;

import dev.verity.internal.Checks;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How often two raters give an item the same yes/no grade, and how much of that is beyond chance: a judge against
 * human graders, typically. A 2×2 table of counts. The one measure of agreement in Verity: judge calibration
 * ({@code dev.verity.eval.calibration}) and human review ({@code dev.verity.eval.review}) both report it.
 *
 * <pre>{@code
 * Agreement a = Agreement.of(judgeSaysFaithful, humanSaysFaithful);
 * a.observed(); // share of items graded alike
 * a.kappa();    // Cohen's kappa: 1 perfect, 0 what chance alone gives, below 0 worse than chance
 * Agreement b = Agreement.ofScores(judgeScores, humanScores); // scores in [0, 1], a yes at PASS or more
 * }</pre>
 *
 * Trap: a high {@link #observed()} can hide a useless judge. When humans call 90 % of answers faithful, a judge that
 * always says "faithful" agrees 90 % of the time; its kappa is 0.
 *
 * @param bothYes items both raters graded yes
 * @param firstOnly items only the first rater graded yes
 * @param secondOnly items only the second rater graded yes
 * @param bothNo items both raters graded no
 */
public record Agreement(int bothYes, int firstOnly, int secondOnly, int bothNo) {
    /**
     * Scores at or above this count as a yes when scores are binarised: a relevance of 3/5 and a partially correct
     * answer included.
     */
    public static final double PASS = 0.5;

    public Agreement {
        Checks.nonNegative(bothYes, "bothYes");
        Checks.nonNegative(firstOnly, "firstOnly");
        Checks.nonNegative(secondOnly, "secondOnly");
        Checks.nonNegative(bothNo, "bothNo");
    }

    /**
     * The table of two raters' grades of the same items, item {@code i} graded {@code first.get(i)} and
     * {@code second.get(i)}.
     */
    public static Agreement of(List<Boolean> first, List<Boolean> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException(
                    "both raters must grade the same items, got " + first.size() + " and " + second.size() + " grades");
        }
        int[] cells = new int[4];
        for (int i = 0; i < first.size(); i++) {
            cells[(first.get(i) ? 0 : 2) + (second.get(i) ? 0 : 1)]++;
        }
        // cells: 0 both yes, 1 first yes only, 2 second yes only, 3 both no
        return new Agreement(cells[0], cells[1], cells[2], cells[3]);
    }

    /** The table of two raters' scores in [0, 1] of the same items, each binarised: {@link #PASS} or more is a yes. */
    public static Agreement ofScores(List<Double> first, List<Double> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException(
                    "both raters must grade the same items, got " + first.size() + " and " + second.size() + " scores");
        }
        return of(
                first.stream().map(Agreement::passes).toList(),
                second.stream().map(Agreement::passes).toList());
    }

    /** Whether a score in [0, 1] counts as a yes. */
    public static boolean passes(double score) {
        return score >= PASS;
    }

    /** Items graded. */
    public int n() {
        return bothYes + firstOnly + secondOnly + bothNo;
    }

    /** Share of items graded alike (percent agreement, as a fraction); empty when there are none. */
    public OptionalDouble observed() {
        return n() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) (bothYes + bothNo) / n());
    }

    /**
     * Cohen's kappa: (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>), where p<sub>o</sub> is
     * {@link #observed()} and p<sub>e</sub> the agreement expected by chance from each rater's share of yes grades.
     * Empty when there are no items, or when chance alone agrees fully (both raters gave every item the same one
     * grade): kappa is undefined there, not 0 or 1.
     */
    public OptionalDouble kappa() {
        int n = n();
        if (n == 0) {
            return OptionalDouble.empty();
        }
        double firstYes = (double) (bothYes + firstOnly) / n;
        double secondYes = (double) (bothYes + secondOnly) / n;
        double expected = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
        if (expected >= 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((observed().getAsDouble() - expected) / (1 - expected));
    }
}
