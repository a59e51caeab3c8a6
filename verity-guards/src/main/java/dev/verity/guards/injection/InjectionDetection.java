package dev.verity.guards.injection;

import java.util.List;

/**
 * What the {@link InjectionDetector} found in one text.
 *
 * @param score how likely the text is an injection or jailbreak attempt, in [0, 1]: {@code 1 - Π(1 - weight)} over
 *     the rules and heuristics that matched; 0 when none did
 * @param labels the kinds of attack found (e.g. {@code instruction_override}, {@code exfiltration}), each once, in the
 *     order of the rule set; empty when none
 * @param rules the ids of the rules and heuristics that matched, for tracing a false alarm to its rule
 */
public record InjectionDetection(double score, List<String> labels, List<String> rules) {
    public static final InjectionDetection NONE = new InjectionDetection(0, List.of(), List.of());

    public InjectionDetection {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        labels = List.copyOf(labels);
        rules = List.copyOf(rules);
    }
}
