/**
 * Answers written by a language model: {@link dev.verity.llm.answer.LlmAnswerGenerator} fences the evidence as
 * untrusted numbered sources, asks for JSON that matches a schema, repairs one invalid reply, and keeps only citations
 * whose quotes are found in the cited source.
 *
 * <pre>{@code
 * AnswerGenerator llm = new LlmAnswerGenerator(provider, prompts.latest("answer").orElseThrow(), tokens,
 *         LlmAnswerSettings.forModel("gpt-4o-mini"), prices);
 * }</pre>
 *
 * <p>Uncited model text is never shown. The context is cut to the model's budget with the model family's tokenizer
 * ({@link dev.verity.llm.answer.ModelTokenizers}).
 */
@NullMarked
package dev.verity.llm.answer;

import org.jspecify.annotations.NullMarked;
