/**
 * The guard on answers: {@link dev.verity.guards.answer.AnswerGuard} strips the markup a client would follow (markdown
 * images and links to hosts off an allowlist, raw HTML), blocks an answer that repeats the system prompt's canary, and
 * masks personal data when the policy asks. It is a {@link dev.verity.guardrails.RewritingGuard}: the query service
 * uses the cleaned answer and verifies its quotes again.
 *
 * <pre>{@code
 * QueryService.builder(retriever, generator)
 *         .answerGuard(new AnswerGuard(Set.of("intranet.example.com"), Optional.of(canary), PiiDetector.none()));
 * }</pre>
 */
@NullMarked
package dev.verity.guards.answer;

import org.jspecify.annotations.NullMarked;
