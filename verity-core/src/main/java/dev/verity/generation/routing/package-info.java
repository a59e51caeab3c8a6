/**
 * Routing by difficulty: {@link dev.verity.generation.routing.DifficultyRouter} scores a question from features that
 * cost nothing (reasoning words, length, several questions, evidence spread, conversation depth) and returns a
 * {@link dev.verity.generation.routing.Route} with its tier and the signals that fired.
 *
 * <pre>{@code
 * Route route = new DifficultyRouter(0.4).route("Why did revenue fall, and what changed?", evidence, 0);
 * // route.tier() == Tier.HARD: reasoning_question +0.40, several_questions +0.20
 * }</pre>
 *
 * <p>Deterministic on purpose: the same question always takes the same route, so routing never makes answers flaky.
 */
@NullMarked
package dev.verity.generation.routing;

import org.jspecify.annotations.NullMarked;
