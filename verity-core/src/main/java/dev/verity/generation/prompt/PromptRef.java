package dev.verity.generation.prompt;

import java.util.Objects;
import java.util.Optional;

/**
 * A prompt as stamped on answers, logs and traces.
 *
 * @param arm the prompt experiment arm ({@code control} or {@code candidate}) while an A/B test runs
 */
public record PromptRef(String id, int version, Optional<String> arm) {
    public PromptRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arm, "arm");
    }

    public PromptRef(String id, int version) {
        this(id, version, Optional.empty());
    }

    public PromptRef inArm(String experimentArm) {
        return new PromptRef(id, version, Optional.of(experimentArm));
    }
}
