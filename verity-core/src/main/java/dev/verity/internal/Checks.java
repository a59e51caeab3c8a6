package dev.verity.internal;

import java.util.Objects;

/**
 * Argument checks that blame the caller: each message names the parameter, the rule and the bad value.
 * For the caller's mistakes only, never for conditions the caller cannot control.
 */
public final class Checks {
    private Checks() {}

    public static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got \"" + value + "\"");
        }
        return value;
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    public static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }
}
