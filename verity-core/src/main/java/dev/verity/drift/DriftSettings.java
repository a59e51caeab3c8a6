package dev.verity.drift;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How drift is judged.
 *
 * @param window the rolling window compared, whole minutes (default {@link #DEFAULT_WINDOW})
 * @param baseline the span before the window it is compared with, whole minutes (default {@link #DEFAULT_BASELINE}),
 *     unless the rule has a fixed baseline
 * @param cooldown the least time between two alerts of one rule for one tenant (default {@link #DEFAULT_COOLDOWN})
 * @param minWindowSamples the fewest answers (or thumbs, for {@link DriftRule#THUMBS_DOWN_SHARE}) in the window for a
 *     rule to be judged: no alert on 3 answers
 * @param minBaselineSamples the fewest in the baseline (a fixed baseline needs none)
 * @param factors how many times worse than the baseline a rule's window must be; rules not named use
 *     {@link DriftRule#defaultFactor()}
 * @param fixedBaselines a rule's baseline as a fixed value (in the rule's {@link DriftRule#unit()}) instead of the
 *     rolling one: for a service whose yesterday is not a good model of today, or one just started
 * @param maxTenants the most tenants judged one by one: answers of tenants beyond it count only in the service-wide
 *     figures, so memory and alert labels stay bounded
 */
public record DriftSettings(
        Duration window,
        Duration baseline,
        Duration cooldown,
        int minWindowSamples,
        int minBaselineSamples,
        Map<DriftRule, Double> factors,
        Map<DriftRule, Double> fixedBaselines,
        int maxTenants) {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    public static final Duration DEFAULT_BASELINE = Duration.ofHours(24);
    /** An hour: long enough not to page twice for one incident, short enough to hear it is still going on. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(1);
    /** Twenty answers in a window: a share of 1 in 20 is the smallest step that means something. */
    public static final int DEFAULT_MIN_WINDOW_SAMPLES = 20;
    /** A baseline needs more samples than the window to be the steadier side of the comparison. */
    public static final int DEFAULT_MIN_BASELINE_SAMPLES = 100;
    /**
     * Tenants judged one by one; more only count in the service-wide figures. Each busy tenant holds about 650 bytes
     * per minute of window plus baseline: 1 MB for the default 24 h, so 21 rings (20 tenants and the service) stay
     * near 20 MB at worst.
     */
    public static final int DEFAULT_MAX_TENANTS = 20;
    /** Two days of minutes at most in window plus baseline: longer comparisons belong to a fixed baseline. */
    static final Duration MAX_SPAN = Duration.ofDays(2);

    public DriftSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(cooldown, "cooldown");
        minutes(window, "window");
        minutes(baseline, "baseline");
        if (window.plus(baseline).compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("window plus baseline must be at most " + MAX_SPAN.toDays()
                    + " days, got " + window + " + " + baseline);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, got " + cooldown);
        }
        if (minWindowSamples < 1) {
            throw new IllegalArgumentException("minWindowSamples must be >= 1, got " + minWindowSamples);
        }
        if (minBaselineSamples < 1) {
            throw new IllegalArgumentException("minBaselineSamples must be >= 1, got " + minBaselineSamples);
        }
        factors = copy(factors, "factors");
        factors.forEach((rule, factor) -> {
            if (!(factor > 1.0) || factor.isInfinite()) {
                throw new IllegalArgumentException(
                        "the factor of " + rule.code() + " must be a number above 1, got " + factor);
            }
        });
        fixedBaselines = copy(fixedBaselines, "fixedBaselines");
        fixedBaselines.forEach((rule, value) -> {
            if (!(value >= 0) || value.isInfinite()) {
                throw new IllegalArgumentException(
                        "the fixed baseline of " + rule.code() + " must be a number >= 0, got " + value);
            }
        });
        if (maxTenants < 0) {
            throw new IllegalArgumentException("maxTenants must be >= 0, got " + maxTenants);
        }
    }

    /** The last 15 minutes against the 24 hours before, every rule at its default factor, an hour's cooldown. */
    public static DriftSettings defaults() {
        return new DriftSettings(
                DEFAULT_WINDOW,
                DEFAULT_BASELINE,
                DEFAULT_COOLDOWN,
                DEFAULT_MIN_WINDOW_SAMPLES,
                DEFAULT_MIN_BASELINE_SAMPLES,
                Map.of(),
                Map.of(),
                DEFAULT_MAX_TENANTS);
    }

    /** The factor of {@code rule}: configured, else its default. */
    public double factor(DriftRule rule) {
        return factors.getOrDefault(rule, rule.defaultFactor());
    }

    public DriftSettings withWindow(Duration newWindow, Duration newBaseline) {
        return new DriftSettings(
                newWindow,
                newBaseline,
                cooldown,
                minWindowSamples,
                minBaselineSamples,
                factors,
                fixedBaselines,
                maxTenants);
    }

    public DriftSettings withMinSamples(int window, int baseline) {
        return new DriftSettings(
                this.window, this.baseline, cooldown, window, baseline, factors, fixedBaselines, maxTenants);
    }

    public DriftSettings withCooldown(Duration newCooldown) {
        return new DriftSettings(
                window,
                baseline,
                newCooldown,
                minWindowSamples,
                minBaselineSamples,
                factors,
                fixedBaselines,
                maxTenants);
    }

    public DriftSettings withFactor(DriftRule rule, double factor) {
        Map<DriftRule, Double> changed = new EnumMap<>(DriftRule.class);
        changed.putAll(factors);
        changed.put(rule, factor);
        return new DriftSettings(
                window, baseline, cooldown, minWindowSamples, minBaselineSamples, changed, fixedBaselines, maxTenants);
    }

    public DriftSettings withFixedBaseline(DriftRule rule, double value) {
        Map<DriftRule, Double> changed = new EnumMap<>(DriftRule.class);
        changed.putAll(fixedBaselines);
        changed.put(rule, value);
        return new DriftSettings(
                window, baseline, cooldown, minWindowSamples, minBaselineSamples, factors, changed, maxTenants);
    }

    public DriftSettings withMaxTenants(int tenants) {
        return new DriftSettings(
                window, baseline, cooldown, minWindowSamples, minBaselineSamples, factors, fixedBaselines, tenants);
    }

    private static void minutes(Duration d, String name) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException(name + " must be a whole number of minutes, at least one, got " + d);
        }
    }

    private static Map<DriftRule, Double> copy(Map<DriftRule, Double> map, String name) {
        Objects.requireNonNull(map, name);
        Map<DriftRule, Double> copy = new EnumMap<>(DriftRule.class);
        copy.putAll(map);
        return Collections.unmodifiableMap(copy);
    }
}
