package dev.verity.generation.answer;

import dev.verity.generation.provider.TokenUsage;
import java.util.Objects;

/**
 * A generator could not produce a valid answer although its model answered: the output stayed invalid after a
 * repair attempt, or it cited nothing that could be verified. A fallback generator takes over; the tokens already
 * spent travel with the exception so the answer's cost stays honest.
 */
public final class GenerationException extends RuntimeException {
    private final String reason;
    private final transient TokenUsage spent;
    private final double spentUsd;

    /**
     * @param reason stable code for {@code degraded_reason}, e.g. {@code invalid_output}, {@code uncited_answer}
     * @param spent tokens used by the failed attempt
     * @param spentUsd what they cost
     */
    public GenerationException(String reason, TokenUsage spent, double spentUsd, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.spent = Objects.requireNonNull(spent, "spent");
        this.spentUsd = spentUsd;
    }

    public double spentUsd() {
        return spentUsd;
    }

    public String reason() {
        return reason;
    }

    public TokenUsage spent() {
        return spent;
    }
}
