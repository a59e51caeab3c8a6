package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.evaluation.AnswerJudge;
import dev.verity.evaluation.JudgeRequest;
import dev.verity.evaluation.Judgement;
import dev.verity.evaluation.JudgementException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AnswerJudge} must do: an answer its grader fully approves scores 1 on faithfulness, relevance and
 * correctness, one it fully rejects scores 0, every grade lies in [0, 1], an abstention has no faithfulness and no
 * claims, a request without a reference has no correctness, the judgement is stamped with the judge's stable
 * {@link AnswerJudge#id()}, and a failing grader is a {@link JudgementException}, never a made-up score.
 *
 * <p>Every judge grades through something that holds an opinion (a language model); the subclass sets that opinion
 * with {@link #graderWillApprove()}, {@link #graderWillReject()} and {@link #graderWillFail()} before each grading.
 * Implementations: {@code LlmJudge} against the fake LLM server (verity-llm).
 */
public abstract class AnswerJudgeContract {
    protected static final String QUESTION = "Within how many days are refunds granted?";
    protected static final String CONTEXT = "Refunds are granted within 21 days of purchase.";
    protected static final JudgeRequest REQUEST = new JudgeRequest(
            QUESTION, "Refunds are granted within 21 days.", false, List.of(CONTEXT), Optional.of("21 days"));

    protected AnswerJudge judge;

    /** A new judge. */
    protected abstract AnswerJudge openJudge();

    /** The grader finds every claim supported, the answer on point, and it agreeing with the reference. */
    protected abstract void graderWillApprove();

    /** The grader finds no claim supported, the answer beside the question, and it contradicting the reference. */
    protected abstract void graderWillReject();

    /** The grader fails, and keeps failing: a server error on every call. */
    protected abstract void graderWillFail();

    @BeforeEach
    void open() {
        judge = openJudge();
    }

    @Test
    void anApprovedAnswerScoresOneOnEveryDimension() {
        graderWillApprove();

        Judgement judgement = judge.judge(REQUEST);

        assertThat(judgement.faithfulness()).isEqualTo(OptionalDouble.of(1.0));
        assertThat(judgement.relevance()).isEqualTo(1.0);
        assertThat(judgement.correctness()).isEqualTo(OptionalDouble.of(1.0));
        assertThat(judgement.claims())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.supported()).isTrue());
    }

    @Test
    void aRejectedAnswerScoresZeroOnEveryDimension() {
        graderWillReject();

        Judgement judgement = judge.judge(REQUEST);

        assertThat(judgement.faithfulness()).isEqualTo(OptionalDouble.of(0.0));
        assertThat(judgement.relevance()).isZero();
        assertThat(judgement.correctness()).isEqualTo(OptionalDouble.of(0.0));
        assertThat(judgement.claims())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.supported()).isFalse());
    }

    @Test
    void anAbstentionHasNoFaithfulnessAndNoClaims() {
        graderWillApprove();

        Judgement judgement = judge.judge(new JudgeRequest(
                QUESTION, "The documents do not say.", true, List.of(CONTEXT), Optional.of("21 days")));

        assertThat(judgement.faithfulness()).isEmpty();
        assertThat(judgement.claims()).isEmpty();
        assertThat(judgement.relevance()).isBetween(0.0, 1.0);
    }

    @Test
    void withoutAReferenceThereIsNoCorrectness() {
        graderWillApprove();

        Judgement judgement = judge.judge(new JudgeRequest(
                QUESTION, "Refunds are granted within 21 days.", false, List.of(CONTEXT), Optional.empty()));

        assertThat(judgement.correctness()).isEmpty();
        assertThat(judgement.faithfulness()).isPresent();
    }

    @Test
    void theJudgementIsStampedWithTheJudgesStableId() {
        graderWillApprove();

        assertThat(judge.id()).isNotBlank().isEqualTo(judge.id());
        assertThat(judge.judge(REQUEST).judge()).isEqualTo(judge.id());
    }

    @Test
    void aFailingGraderIsAJudgementExceptionNeverAScore() {
        graderWillFail();

        assertThatThrownBy(() -> judge.judge(REQUEST)).isInstanceOf(JudgementException.class);
    }
}
