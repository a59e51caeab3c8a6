/**
 * A classifier as a guard: {@link dev.verity.guards.moderation.ModerationGuard} asks an OpenAI-compatible moderation
 * endpoint about each question, to be combined with the deterministic rules by
 * {@link dev.verity.guardrails.Guard#strictest}. Off by default; the composition root builds it when configured.
 *
 * <pre>{@code
 * Guard<String> questions = Guard.strictest(rules, new ModerationGuard(ModerationGuard.Settings.openAi(key)));
 * }</pre>
 */
@NullMarked
package dev.verity.guards.moderation;

import org.jspecify.annotations.NullMarked;
