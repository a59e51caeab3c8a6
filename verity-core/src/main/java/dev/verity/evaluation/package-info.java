/**
 * The judge seam: {@link dev.verity.evaluation.AnswerJudge} grades one answer's faithfulness, relevance and
 * correctness ({@link dev.verity.evaluation.Judgement}) or fails with a
 * {@link dev.verity.evaluation.JudgementException}. Its implementation with an LLM lives in verity-llm.
 *
 * <pre>{@code
 * Judgement j = judge.judge(new JudgeRequest(question, answer.text(), answer.abstained(), citedPassages,
 *         Optional.of(referenceAnswer)));
 * j.faithfulness(); // empty for an abstention
 * }</pre>
 *
 * Only the seam lives here. Everything that uses it, the evaluation harness with its metrics, judge calibration and
 * human review (and the one {@code Agreement} between raters), is {@code verity-eval}.
 */
@NullMarked
package dev.verity.evaluation;

import org.jspecify.annotations.NullMarked;
