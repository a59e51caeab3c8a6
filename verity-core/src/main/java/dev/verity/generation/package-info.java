/**
 * Writing the answer from retrieved evidence, in four sub-packages:
 *
 * <ul>
 *   <li>{@code answer}: the {@link dev.verity.generation.answer.AnswerGenerator} seam, the offline
 *       {@link dev.verity.generation.answer.ExtractiveAnswerGenerator}, the fallback chain and the citation checks;
 *   <li>{@code prompt}: versioned prompts shipped in the jar ({@link dev.verity.generation.prompt.PromptRegistry});
 *   <li>{@code provider}: the {@link dev.verity.generation.provider.LlmProvider} seam every language model sits
 *       behind, its messages, usage and prices;
 *   <li>{@code routing}: the deterministic difficulty score that sends easy questions to a cheap model.
 * </ul>
 *
 * <pre>{@code
 * AnswerGenerator offline = new ExtractiveAnswerGenerator(embeddings, index, ExtractiveSettings.defaults());
 * AnswerGenerator answers = new FallbackAnswerGenerator(List.of(llmGenerator, offline)); // model first, then offline
 * Answer answer = answers.generate(AnswerRequest.of(question, evidence), AnswerListener.none());
 * }</pre>
 *
 * <p>Dependencies run one way: {@code answer} uses the three others, none of them uses {@code answer}.
 */
package dev.verity.generation;
