package dev.verity.drift;

import dev.verity.observability.alerts.Alert;

/**
 * What drifts: each rule measures one value over a span of minutes, where a higher value is worse.
 *
 * <p>A rule fires when the window's value exceeds {@code max(baseline × factor, floor)}: the floor keeps a rule quiet
 * when the baseline is tiny (2 % abstentions doubling to 4 % is noise, not news; a baseline without a single
 * degradation would otherwise make one degraded answer an infinite factor).
 */
public enum DriftRule {
    /** The 95th percentile of answer latency, in milliseconds (from a histogram: within 26 % of the true value). */
    P95_LATENCY("p95_latency_drift", "p95 latency", "ms", 2.0, 1_000, Alert.Severity.WARNING),
    /** What an answer cost on average, in US dollars, cached and extractive answers included. */
    COST_PER_ANSWER("cost_per_answer_drift", "cost per answer", "usd", 2.0, 0.001, Alert.Severity.WARNING),
    /** Questions that failed or were answered by a fallback, as a share of all questions. */
    ERROR_RATE("error_rate_drift", "error and degradation rate", "share", 2.0, 0.05, Alert.Severity.CRITICAL),
    /** Answers that abstained (weak evidence), as a share of all answers. */
    ABSTENTION_RATE("abstention_rate_drift", "abstention rate", "share", 1.5, 0.10, Alert.Severity.WARNING),
    /** Questions or answers a guard refused, as a share of all answers. */
    GUARD_BLOCK_RATE("guard_block_rate_drift", "guard block rate", "share", 2.0, 0.05, Alert.Severity.WARNING),
    /** Thumbs down as a share of all thumbs given. */
    THUMBS_DOWN_SHARE("thumbs_down_drift", "thumbs-down share", "share", 1.5, 0.20, Alert.Severity.WARNING);

    private final String code;
    private final String label;
    private final String unit;
    private final double defaultFactor;
    private final double floor;
    private final Alert.Severity severity;

    DriftRule(String code, String label, String unit, double defaultFactor, double floor, Alert.Severity severity) {
        this.code = code;
        this.label = label;
        this.unit = unit;
        this.defaultFactor = defaultFactor;
        this.floor = floor;
        this.severity = severity;
    }

    /** The alert's rule name, {@code snake_case}: stable, safe as a label. */
    public String code() {
        return code;
    }

    /** What is measured, in words for a person. */
    public String label() {
        return label;
    }

    /** {@code ms}, {@code usd} or {@code share} (0 to 1). */
    public String unit() {
        return unit;
    }

    /** How many times worse than the baseline the window must be, unless configured otherwise. */
    public double defaultFactor() {
        return defaultFactor;
    }

    /** The value the window must exceed whatever the baseline: below it the rule never fires. */
    public double floor() {
        return floor;
    }

    public Alert.Severity severity() {
        return severity;
    }

    /** The rule of this alert name ({@link #code()}) or enum name, any case. */
    public static DriftRule parse(String name) {
        for (DriftRule rule : values()) {
            if (rule.code.equalsIgnoreCase(name.strip())
                    || rule.name().equalsIgnoreCase(name.strip())
                    || rule.code.equalsIgnoreCase(name.strip() + "_drift")) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown drift rule \"" + name + "\"; known: "
                + java.util.Arrays.stream(values()).map(DriftRule::code).toList());
    }
}
