package dev.verity.generation.routing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a question was sent by difficulty, and why; stamped on the answer.
 *
 * @param tier {@link Tier#EASY} questions go to the cheap model, {@link Tier#HARD} ones to the strong model
 * @param score the difficulty score in [0, 1]; at or above the router's threshold is hard
 * @param signals the features that added to the score, e.g. {@code reasoning_question}, {@code long_question}
 */
public record Route(Tier tier, double score, List<String> signals) {

    public enum Tier {
        EASY,
        HARD;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Route {
        Objects.requireNonNull(tier, "tier");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        signals = List.copyOf(signals);
    }
}
