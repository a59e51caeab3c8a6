/**
 * Turning retrieved evidence into an answer with citations, or an honest abstention.
 *
 * <p>{@link dev.verity.generation.answer.ExtractiveAnswerGenerator} is the offline default: it copies the best
 * supporting sentences and abstains below a calibrated score (see {@code docs/adr/0004-extractive-answers.md}).
 * Whatever generates the answer, {@link dev.verity.generation.answer.CitationVerifier} runs last: a quote that is not
 * an exact substring of a chunk in the evidence is dropped, and an answer left without citations becomes an
 * abstention. Abstentions are returned values, not exceptions.
 */
package dev.verity.generation.answer;
