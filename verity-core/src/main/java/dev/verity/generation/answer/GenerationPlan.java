package dev.verity.generation.answer;

import dev.verity.generation.prompt.PromptExperiment;
import dev.verity.generation.routing.Route;
import java.util.Objects;
import java.util.Optional;

/**
 * Choices made for one question before any generator runs, so that every generator in a fallback chain, the answer
 * cache and the answer itself agree on them.
 *
 * @param route the difficulty route; empty when routing is off (every question to the configured model)
 * @param arm the prompt experiment arm; {@code CONTROL} when no experiment runs
 */
public record GenerationPlan(Optional<Route> route, PromptExperiment.Arm arm) {
    public static final GenerationPlan DEFAULT = new GenerationPlan(Optional.empty(), PromptExperiment.Arm.CONTROL);

    public GenerationPlan {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(arm, "arm");
    }
}
