package dev.verity.evaluation;

/**
 * Grades an answer the way a careful reviewer would, for evaluation runs: is every claim supported by the cited
 * passages (faithfulness), does it address the question (relevance), does it agree with the reference answer
 * (correctness)? Implementations: {@code LlmJudge} in {@code verity-llm} (a language model with versioned judge
 * prompts). Evaluation without a configured model simply has no judge.
 *
 * <p>Implementations are thread-safe. A failed model call is a {@link JudgementException}, never a made-up score.
 */
public interface AnswerJudge {

    /** The judge's name and version as stamped on reports, e.g. {@code llm:gpt-4o-mini:judge-faithfulness@1}. */
    String id();

    Judgement judge(JudgeRequest request);
}
