package dev.verity.guards.injection;

import dev.verity.internal.Checks;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of the injection rule set: a pattern that, when it occurs in a text, adds its weight to the text's score.
 *
 * @param id stable name, e.g. {@code override.ignore}; reported with a detection so a false alarm can be traced
 * @param label what kind of attack it points at, e.g. {@code instruction_override}
 * @param weight how strongly one match alone suggests an attack, in (0, 1]
 * @param pattern what to look for, in the normalised text
 */
record InjectionRule(String id, String label, double weight, Pattern pattern) {
    InjectionRule {
        Checks.nonBlank(id, "id");
        Checks.nonBlank(label, "label");
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be in (0, 1]: " + weight + " (rule " + id + ")");
        }
        Objects.requireNonNull(pattern, "pattern");
    }

    boolean matches(String normalised) {
        return pattern.matcher(normalised).find();
    }
}
