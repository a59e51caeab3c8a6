package dev.verity.observability.alerts;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something an operator should look at: a budget nearly spent, latency or quality drifting from its baseline.
 *
 * @param rule what fired, a stable {@code snake_case} name (e.g. {@code budget_soft_limit}, {@code p95_latency_drift})
 * @param severity how urgent
 * @param tenant the tenant concerned; {@code *} for the whole service
 * @param summary one sentence for a person: what, how far from normal, what to look at
 * @param details the numbers behind it (window, baseline, current value, threshold), by name
 * @param at when it fired
 */
public record Alert(
        String rule, Severity severity, String tenant, String summary, Map<String, String> details, Instant at) {
    /** The tenant of an alert about the whole service. */
    public static final String ALL_TENANTS = "*";

    public Alert {
        Checks.nonBlank(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Checks.nonBlank(tenant, "tenant");
        Checks.nonBlank(summary, "summary");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        Objects.requireNonNull(at, "at");
    }

    /** How urgent an alert is. */
    public enum Severity {
        /** Worth a look today. */
        WARNING,
        /** Needs someone now: answers are degrading or money is being spent past a hard limit. */
        CRITICAL
    }
}
