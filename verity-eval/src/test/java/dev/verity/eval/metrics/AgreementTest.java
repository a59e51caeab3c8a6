package dev.verity.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void computesPercentAgreementAndCohensKappaOfATable() {
        // 50 items: 20 both yes, 5 first only, 10 second only, 15 both no.
        Agreement a = new Agreement(20, 5, 10, 15);

        // p_o = (20 + 15) / 50 = 0.7
        assertThat(a.observed().getAsDouble()).isCloseTo(0.7, within(1e-12));
        // first says yes 25/50 = 0.5, second 30/50 = 0.6; p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5;
        // kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4
        assertThat(a.kappa().getAsDouble()).isCloseTo(0.4, within(1e-12));
        assertThat(a.n()).isEqualTo(50);
    }

    @Test
    void countsTheTableFromTwoRatersGrades() {
        Agreement a = Agreement.of(
                List.of(true, true, false, false, true, false), List.of(true, false, true, false, true, false));

        assertThat(a).isEqualTo(new Agreement(2, 1, 1, 2));
        // p_o = 4/6; both say yes 3/6, so p_e = 0.5 × 0.5 + 0.5 × 0.5 = 0.5; kappa = (2/3 − 1/2) / (1/2) = 1/3
        assertThat(a.observed().getAsDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(a.kappa().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void aJudgeThatAlwaysSaysYesAgreesOftenButNoBetterThanChance() {
        // Humans say yes to 9 of 10; the judge to all 10.
        Agreement a = new Agreement(9, 1, 0, 0);

        // p_o = 0.9; p_e = 1.0 × 0.9 + 0 × 0.1 = 0.9; kappa = (0.9 − 0.9) / (1 − 0.9) = 0
        assertThat(a.observed().getAsDouble()).isCloseTo(0.9, within(1e-12));
        assertThat(a.kappa().getAsDouble()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void perfectAgreementIsOneAndPerfectDisagreementMinusOne() {
        assertThat(new Agreement(3, 0, 0, 2).kappa().getAsDouble()).isCloseTo(1.0, within(1e-12));
        // p_o = 0; p_e = 0.5 × 0.5 + 0.5 × 0.5 = 0.5; kappa = (0 − 0.5) / 0.5 = −1
        assertThat(new Agreement(0, 2, 2, 0).kappa().getAsDouble()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void kappaIsUndefinedWhenBothRatersGaveEveryItemTheSameGrade() {
        Agreement a = new Agreement(4, 0, 0, 0);

        assertThat(a.observed()).isEqualTo(OptionalDouble.of(1.0));
        assertThat(a.kappa()).isEmpty();
    }

    @Test
    void nothingIsDefinedWithoutItems() {
        Agreement none = Agreement.of(List.of(), List.of());

        assertThat(none.observed()).isEmpty();
        assertThat(none.kappa()).isEmpty();
    }

    @Test
    void refusesGradesOfDifferentItemCounts() {
        assertThatThrownBy(() -> Agreement.of(List.of(true), List.of(true, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both raters must grade the same items, got 1 and 2 grades");
        assertThatThrownBy(() -> new Agreement(1, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstOnly");
    }

    @Test
    void scoresAreBinarisedAtThePassMarkBeforeTheyAreCompared() {
        // moved from the review package's own Agreement, now this one.
        // judge passes 6 of 10, human 6 of 10, they agree on 8: p_o = 0.8, p_e = 0.6·0.6 + 0.4·0.4 = 0.52,
        // κ = (0.8 − 0.52) / (1 − 0.52) = 0.583333
        List<Double> judge = List.of(1.0, 0.9, 0.0, 0.2, 1.0, 0.0, 0.7, 1.0, 0.4, 1.0);
        List<Double> human = List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0);
        Agreement agreement = Agreement.ofScores(judge, human);
        assertThat(agreement.n()).isEqualTo(10);
        assertThat(agreement.observed().getAsDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(agreement.kappa().getAsDouble()).isCloseTo(0.28 / 0.48, within(1e-12));
    }

    @Test
    void kappaIsUndefinedWhenBothGradersPassEveryScore() {
        Agreement agreement = Agreement.ofScores(List.of(1.0, 1.0), List.of(0.8, 0.9));
        assertThat(agreement.observed()).isEqualTo(OptionalDouble.of(1.0));
        assertThat(agreement.kappa()).isEmpty();
    }

    @Test
    void aScoreAtThePassMarkIsAYes() {
        assertThat(Agreement.passes(Agreement.PASS)).isTrue();
        assertThat(Agreement.passes(0.49)).isFalse();
        assertThatThrownBy(() -> Agreement.ofScores(List.of(1.0), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both raters must grade the same items, got 1 and 0 scores");
    }
}
