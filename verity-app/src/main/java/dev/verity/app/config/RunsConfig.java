package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.text;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How long answer runs are kept and which are kept, from the environment and the {@code runs:} section of the
 * {@code VERITY_CONFIG} file; an environment variable wins over the file, key by key.
 *
 * <p>Environment: {@code VERITY_RUNS_RETENTION_DAYS} (whole days, default 30; older runs are purged by the server
 * every hour and by {@code verity runs purge}), {@code VERITY_RUNS_SAMPLE_RATE} (the share of answered questions
 * kept, 0 to 1, default 1; abstained, degraded and blocked runs are always kept).
 *
 * <pre>
 * runs:
 *   retention_days: 30
 *   sample_rate: 0.25
 * </pre>
 *
 * Trap: a run that was sampled out cannot be rated: feedback on it is answered 404, as for a run that never was.
 *
 * @param retention how long a run is kept
 * @param sampleRate the share of answered runs kept, in [0, 1]
 */
public record RunsConfig(Duration retention, double sampleRate) {
    /** A month: long enough to review last week's thumbs-down, short enough that questions do not pile up. */
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public static final RunsConfig DEFAULT = new RunsConfig(Duration.ofDays(DEFAULT_RETENTION_DAYS), 1.0);

    private static final List<String> KEYS = List.of("retention_days", "sample_rate");

    public RunsConfig {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("runs.retention_days must be at least 1 day, got " + retention);
        }
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("VERITY_RUNS_SAMPLE_RATE (runs.sample_rate) must be in [0, 1], got "
                    + sampleRate + ": 1 keeps every run, 0.1 one answered question in ten");
        }
    }

    static RunsConfig from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> section = map(file.get("runs"), "runs");
        for (String key : section.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("runs." + key + " is not a run-record setting; known: " + KEYS);
            }
        }
        String days = value(env, "VERITY_RUNS_RETENTION_DAYS", section, "retention_days");
        String rate = value(env, "VERITY_RUNS_SAMPLE_RATE", section, "sample_rate");
        return new RunsConfig(
                Duration.ofDays(ConfigValues.number(
                        days, "VERITY_RUNS_RETENTION_DAYS (runs.retention_days)", DEFAULT_RETENTION_DAYS)),
                rate == null ? 1.0 : decimal(rate));
    }

    private static String value(Map<String, String> env, String variable, Map<String, Object> section, String key) {
        String fromEnv = text(env.get(variable), variable);
        return fromEnv != null ? fromEnv : text(section.get(key), "runs." + key);
    }

    private static double decimal(String rate) {
        try {
            return Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "VERITY_RUNS_SAMPLE_RATE (runs.sample_rate) must be a number in [0, 1], got \"" + rate + "\"");
        }
    }
}
