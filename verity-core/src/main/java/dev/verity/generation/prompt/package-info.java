/**
 * Versioned prompts: each has an id, a version that only grows and a content hash stamped on every answer, so an
 * answer can always be traced to the exact text that produced it.
 *
 * <pre>{@code
 * PromptRegistry prompts = new ClasspathPromptRegistry();
 * Prompt answer = prompts.latest("answer").orElseThrow();
 * String user = answer.renderUser(Map.of("question", q, "sources", fenced));
 * }</pre>
 *
 * <p>{@link dev.verity.generation.prompt.Prompt#renderUser} fails on a missing or an unused placeholder: a renamed
 * variable never reaches a model as {@code {{question}}}.
 */
@NullMarked
package dev.verity.generation.prompt;

import org.jspecify.annotations.NullMarked;
