/**
 * A language model as evaluation judge: {@link dev.verity.llm.judge.LlmJudge} implements
 * {@link dev.verity.evaluation.AnswerJudge} with the versioned {@code judge-faithfulness}, {@code judge-relevance} and
 * {@code judge-correctness} prompts ({@link dev.verity.llm.judge.JudgePrompts}).
 *
 * <pre>{@code
 * LlmProvider provider = new ResilientLlmProvider(SpringAiLlmProvider.create(settings), ResilienceSettings.defaults());
 * AnswerJudge judge = new LlmJudge(provider, settings.model(), JudgePrompts.latest(new ClasspathPromptRegistry()),
 *         PriceTable.EMPTY);
 * Judgement j = judge.judge(new JudgeRequest("Within how many days are refunds granted?",
 *         "Refunds are granted within 21 days.", false, List.of("Refunds are granted within 21 days of purchase."),
 *         Optional.of("21 days")));
 * j.faithfulness(); // 1.0: one claim, supported
 * }</pre>
 */
@NullMarked
package dev.verity.llm.judge;

import org.jspecify.annotations.NullMarked;
