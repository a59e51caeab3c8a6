package dev.verity.app.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How much each caller may ask: questions per minute and model tokens per day, by default for every API key (or
 * token subject) and overridden per key or per tenant. A limit of 0 means unlimited.
 *
 * <p>Read from {@code VERITY_RATE_LIMIT_QUERIES_PER_MINUTE} and {@code VERITY_RATE_LIMIT_TOKENS_PER_DAY} (the
 * defaults per key) and the {@code rate_limits} section of the configuration file:
 *
 * <pre>{@code
 * rate_limits:
 *   queries_per_minute: 60        # per key, unless overridden
 *   tokens_per_day: 200000
 *   keys:    { k_3f9a1c2e4b5d: { queries_per_minute: 600 } }
 *   tenants: { acme: { queries_per_minute: 1000, tokens_per_day: 5000000 } }   # shared by the tenant's keys
 * }</pre>
 *
 * @param perKey the default limits of each key
 * @param keys overrides for single keys, by key id
 * @param tenants limits shared by all callers of a tenant, by tenant; a tenant not named has none
 */
public record RateLimitSettings(Limits perKey, Map<String, Limits> keys, Map<String, Limits> tenants) {

    public static final RateLimitSettings UNLIMITED = new RateLimitSettings(Limits.NONE, Map.of(), Map.of());

    public RateLimitSettings {
        Objects.requireNonNull(perKey, "perKey");
        keys = Map.copyOf(keys);
        tenants = Map.copyOf(tenants);
    }

    static final String QUERIES_ENV = "VERITY_RATE_LIMIT_QUERIES_PER_MINUTE";
    static final String TOKENS_ENV = "VERITY_RATE_LIMIT_TOKENS_PER_DAY";

    /** The limits set by the environment (per-key defaults) over the {@code rate_limits} section of the file. */
    public static RateLimitSettings from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> section = ConfigValues.map(file.get("rate_limits"), "rate_limits");
        Limits fromFile = limits(section, "rate_limits", Limits.NONE);
        Limits perKey = new Limits(
                count(env.get(QUERIES_ENV), QUERIES_ENV, fromFile.queriesPerMinute()),
                count(env.get(TOKENS_ENV), TOKENS_ENV, fromFile.tokensPerDay()));
        return new RateLimitSettings(
                perKey, overrides(section, "keys", perKey), overrides(section, "tenants", Limits.NONE));
    }

    private static Map<String, Limits> overrides(Map<String, Object> section, String name, Limits fallback) {
        Map<String, Limits> out = new LinkedHashMap<>();
        ConfigValues.map(section.get(name), "rate_limits." + name)
                .forEach((id, value) -> out.put(
                        id,
                        limits(
                                ConfigValues.map(value, "rate_limits." + name + "." + id),
                                "rate_limits." + name + "." + id,
                                fallback)));
        return out;
    }

    private static Limits limits(Map<String, Object> m, String where, Limits fallback) {
        return new Limits(
                count(m.get("queries_per_minute"), where + ".queries_per_minute", fallback.queriesPerMinute()),
                count(m.get("tokens_per_day"), where + ".tokens_per_day", fallback.tokensPerDay()));
    }

    /** A whole number >= 0 (0 = no limit), or {@code fallback} when absent; the error names where it was set. */
    private static long count(Object value, String where, long fallback) {
        String s = ConfigValues.text(value, where);
        if (s == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(s);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " must be a whole number >= 0 (0 = no limit), got \"" + s + "\"");
    }

    /** True when no limit of any kind is set: nothing needs to be counted. */
    public boolean unlimited() {
        return perKey.equals(Limits.NONE)
                && keys.values().stream().allMatch(Limits.NONE::equals)
                && tenants.values().stream().allMatch(Limits.NONE::equals);
    }

    /**
     * One set of limits.
     *
     * @param queriesPerMinute questions answered per minute; 0 for no limit
     * @param tokensPerDay model tokens (prompt and completion) per day; 0 for no limit
     */
    public record Limits(long queriesPerMinute, long tokensPerDay) {
        public static final Limits NONE = new Limits(0, 0);

        public Limits {
            if (queriesPerMinute < 0 || tokensPerDay < 0) {
                throw new IllegalArgumentException("rate limits must be >= 0 (0 = no limit), got " + queriesPerMinute
                        + " queries per minute and " + tokensPerDay + " tokens per day");
            }
        }
    }
}
