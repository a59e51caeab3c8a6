/**
 * Turning retrieved evidence into an answer with citations, or an honest abstention.
 *
 * <p>An {@link dev.verity.generation.answer.AnswerGenerator} has one method: it takes an
 * {@link dev.verity.generation.answer.AnswerRequest} (question, evidence, the plan chosen for the question, the tracer
 * its steps are traced on) and an {@link dev.verity.generation.answer.AnswerListener} that receives the text as it is
 * written — {@link dev.verity.generation.answer.AnswerListener#none()} when nobody streams, never {@code null}:
 *
 * <pre>{@code
 * AnswerGenerator generator = new ExtractiveAnswerGenerator(embeddings, index, ExtractiveSettings.defaults());
 * Answer answer = generator.generate(AnswerRequest.of("How many days of leave?", evidence), AnswerListener.none());
 * if (answer.abstained()) { ... } // a returned value, never an exception
 * }</pre>
 *
 * <p>{@link dev.verity.generation.answer.ExtractiveAnswerGenerator} is the offline default: it copies the best
 * supporting sentences and abstains below a calibrated score (see {@code docs/adr/0004-extractive-answers.md}).
 * {@link dev.verity.generation.answer.FallbackAnswerGenerator} chains generators so that a failing model gives way to
 * the next, marking the answer degraded. Whatever generates the answer,
 * {@link dev.verity.generation.answer.CitationVerifier} runs last: a quote that is not an exact substring of a chunk in
 * the evidence is dropped, and an answer left without citations becomes an abstention. Abstentions are returned
 * values, not exceptions.
 */
@NullMarked
package dev.verity.generation.answer;

import org.jspecify.annotations.NullMarked;
