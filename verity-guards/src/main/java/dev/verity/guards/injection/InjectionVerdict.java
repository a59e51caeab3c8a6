package dev.verity.guards.injection;

import dev.verity.guardrails.GuardVerdict;
import java.util.Objects;

/**
 * A guard's verdict on a text together with the injection score behind it, for callers that show or measure the score
 * ({@code verity guard scan}, the benchmarks); the guards' {@code check} returns only the verdict.
 *
 * @param verdict what the guard decided
 * @param score the detector's score, in [0, 1]; 0 when the text was refused before scoring (control characters)
 */
public record InjectionVerdict(GuardVerdict verdict, double score) {
    public InjectionVerdict {
        Objects.requireNonNull(verdict, "verdict");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }
}
