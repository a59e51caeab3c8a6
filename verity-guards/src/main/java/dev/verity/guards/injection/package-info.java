/**
 * Prompt-injection and jailbreak detection without a model: {@link dev.verity.guards.injection.InjectionDetector}
 * scores a text with a maintained rule set and heuristics (ADR 14), an
 * {@link dev.verity.guards.injection.InjectionPolicy} turns the score into allow, flag or block, and two guards apply
 * them — {@link dev.verity.guards.injection.QuestionGuard} to questions (control characters refused first) and
 * {@link dev.verity.guards.injection.InjectionChunkGuard} to chunks at ingestion (a policy per collection).
 *
 * <pre>{@code
 * InjectionDetector detector = new InjectionDetector();
 * QueryService.builder(retriever, generator)
 *         .questionGuard(new QuestionGuard(detector, InjectionPolicy.QUESTIONS));
 * ChunkGuard chunks = new InjectionChunkGuard(detector, InjectionPolicy.CHUNKS, Map.of());
 * }</pre>
 *
 * The composition root builds them from the configuration; nothing else names these classes.
 */
@NullMarked
package dev.verity.guards.injection;

import org.jspecify.annotations.NullMarked;
