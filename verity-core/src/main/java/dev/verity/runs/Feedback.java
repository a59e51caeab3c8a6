package dev.verity.runs;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller's verdict on one of their answers: thumbs up or down, with an optional comment.
 *
 * @param traceId the answer's trace id (its run's id)
 * @param rating up or down
 * @param comment what the caller said, at most {@link #MAX_COMMENT_CHARS} characters
 * @param tenant the caller's tenant
 * @param actor who gave it, as the audit log names callers
 * @param at when it was given
 */
public record Feedback(
        String traceId, Rating rating, Optional<String> comment, String tenant, String actor, Instant at) {
    /** Room for a sentence or two of why; longer text belongs in a ticket. */
    public static final int MAX_COMMENT_CHARS = 2_000;

    public Feedback {
        Checks.nonBlank(traceId, "traceId");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(comment, "comment");
        comment.ifPresent(c -> {
            if (c.length() > MAX_COMMENT_CHARS) {
                throw new IllegalArgumentException("comment must be at most " + MAX_COMMENT_CHARS + " characters, got "
                        + c.length() + ": say in short why the answer was good or bad");
            }
        });
        Checks.nonBlank(tenant, "tenant");
        Checks.nonBlank(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    /** Thumbs up or down. */
    public enum Rating {
        UP,
        DOWN;

        /** {@code up} or {@code down}, as in JSON and metric labels. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The rating named {@code up} or {@code down} (any case). */
        public static Rating parse(String code) {
            return switch (code.strip().toLowerCase(Locale.ROOT)) {
                case "up" -> UP;
                case "down" -> DOWN;
                default ->
                    throw new IllegalArgumentException("rating must be \"up\" or \"down\", got \"" + code + "\"");
            };
        }
    }
}
