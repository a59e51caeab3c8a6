package dev.verity.eval.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.verity.eval.calibration.JudgeCalibration.DimensionResult;
import dev.verity.eval.calibration.JudgeCalibration.Disagreement;
import dev.verity.eval.calibration.JudgeCalibration.Failure;
import dev.verity.eval.calibration.JudgeCalibration.Report;
import dev.verity.eval.calibration.LabelledSample.Case;
import dev.verity.eval.calibration.LabelledSample.Dimension;
import dev.verity.eval.metrics.Agreement;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.evaluation.JudgeRequest;
import dev.verity.evaluation.Judgement;
import dev.verity.evaluation.JudgementException;
import dev.verity.generation.provider.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JudgeCalibrationTest {
    /**
     * Scores by question: q1 all good; q2 unfaithful (1/3) where the human says faithful; q3 an abstention (no
     * faithfulness) with relevance 0; q4 no reference (no correctness) and relevance 0.75 where the human says no;
     * q5 fails.
     */
    private static final AnswerJudge JUDGE = new AnswerJudge() {
        @Override
        public String id() {
            return "fake-judge@1";
        }

        @Override
        public Judgement judge(JudgeRequest request) {
            return switch (request.question()) {
                case "q1" -> judgement(OptionalDouble.of(1.0), 1.0, OptionalDouble.of(1.0));
                case "q2" -> judgement(OptionalDouble.of(1.0 / 3), 0.5, OptionalDouble.of(0.0));
                case "q3" -> judgement(OptionalDouble.empty(), 0.0, OptionalDouble.of(1.0));
                case "q4" -> judgement(OptionalDouble.of(0.0), 0.75, OptionalDouble.empty());
                default -> throw new JudgementException("the judge model failed while grading faithfulness");
            };
        }

        private Judgement judgement(OptionalDouble faithfulness, double relevance, OptionalDouble correctness) {
            return new Judgement(
                    faithfulness, relevance, correctness, List.of(), id(), new TokenUsage(100, 10, true), 0.0002);
        }
    };

    private static final List<Case> SAMPLE = List.of(
            graded("q1", Optional.of("21 days"), true, true, true),
            graded("q2", Optional.of("Only within the EU."), true, true, false),
            graded("q3", Optional.of("Not said."), true, false, true),
            graded("q4", Optional.empty(), false, false, true));

    @Test
    void comparesTheJudgeWithTheHumansPerDimension() {
        Report report = JudgeCalibration.run(JUDGE, SAMPLE, 2);

        assertThat(report.judge()).isEqualTo("fake-judge@1");
        assertThat(report.cases()).isEqualTo(4);
        assertThat(report.failed()).isEmpty();
        assertThat(report.dimensions())
                .extracting(DimensionResult::dimension)
                .containsExactly(Dimension.FAITHFULNESS, Dimension.RELEVANCE, Dimension.CORRECTNESS);

        // faithfulness over q1 (1.0 yes, human yes), q2 (1/3 no, yes), q4 (0 no, no); q3 abstained: skipped.
        // p_o = 2/3; judge yes 1/3, human yes 2/3: p_e = 4/9; kappa = (2/3 − 4/9) / (5/9) = 0.4
        DimensionResult faithfulness = report.dimensions().get(0);
        assertThat(faithfulness.n()).isEqualTo(3);
        assertThat(faithfulness.skipped()).isEqualTo(1);
        assertThat(faithfulness.agreement()).isEqualTo(new Agreement(1, 0, 1, 1));
        assertThat(faithfulness.agreement().kappa().getAsDouble()).isCloseTo(0.4, within(1e-12));
        assertThat(faithfulness.judgeMean()).isCloseTo((1 + 1.0 / 3 + 0) / 3, within(1e-12));
        assertThat(faithfulness.humanMean()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(faithfulness.disagreements()).containsExactly(new Disagreement("q2", 1.0 / 3, true));

        // relevance: q2's 0.5 is at the pass mark, a yes; q4's 0.75 a yes against the human's no
        DimensionResult relevance = report.dimensions().get(1);
        assertThat(relevance.agreement()).isEqualTo(new Agreement(2, 1, 0, 1));
        assertThat(relevance.disagreements()).containsExactly(new Disagreement("q4", 0.75, false));

        // correctness: q4 has no reference, so no score: skipped; the rest agree
        DimensionResult correctness = report.dimensions().get(2);
        assertThat(correctness.n()).isEqualTo(3);
        assertThat(correctness.skipped()).isEqualTo(1);
        assertThat(correctness.agreement().observed()).hasValue(1.0);

        // 4 judgements × (100 in, 10 out) and 0.0002 dollars each
        assertThat(report.usage().inputTokens()).isEqualTo(400);
        assertThat(report.usage().outputTokens()).isEqualTo(40);
        assertThat(report.costUsd()).isCloseTo(0.0008, within(1e-12));
    }

    @Test
    void aCaseTheJudgeFailsOnIsReportedAndLeftOutOfTheAgreement() {
        List<Case> withFailure = List.of(SAMPLE.getFirst(), graded("q5", Optional.empty(), true, true, true));

        Report report = JudgeCalibration.run(JUDGE, withFailure, 1);

        assertThat(report.failed())
                .containsExactly(new Failure("q5", "the judge model failed while grading faithfulness"));
        assertThat(report.dimensions().getFirst().n()).isEqualTo(1);
        assertThat(report.usage().inputTokens()).isEqualTo(100);
    }

    @Test
    void anUngradedDimensionIsNeitherComparedNorSkipped() {
        Case onlyRelevance = new Case("q1", SAMPLE.getFirst().request(), Map.of(Dimension.RELEVANCE, true));

        Report report = JudgeCalibration.run(JUDGE, List.of(onlyRelevance), 1);

        assertThat(report.dimensions().get(0).n()).isZero();
        assertThat(report.dimensions().get(0).skipped()).isZero();
        assertThat(report.dimensions().get(0).judgeMean()).isNaN();
        assertThat(report.dimensions().get(0).agreement().kappa()).isEmpty();
        assertThat(report.dimensions().get(1).n()).isEqualTo(1);
    }

    @Test
    void theThresholdIsTheAgreementPassMark() {
        assertThat(JudgeCalibration.THRESHOLD).isEqualTo(Agreement.PASS).isEqualTo(0.5);
    }

    @Test
    void refusesParallelismBelowOne() {
        assertThatThrownBy(() -> JudgeCalibration.run(JUDGE, SAMPLE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1, got 0");
    }

    private static Case graded(
            String id, Optional<String> reference, boolean faithful, boolean relevant, boolean correct) {
        return new Case(
                id,
                new JudgeRequest(id, "answer to " + id, id.equals("q3"), List.of("a passage"), reference),
                Map.of(
                        Dimension.FAITHFULNESS,
                        faithful,
                        Dimension.RELEVANCE,
                        relevant,
                        Dimension.CORRECTNESS,
                        correct));
    }
}
