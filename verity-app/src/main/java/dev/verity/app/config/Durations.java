package dev.verity.app.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users type them in options: a whole number and a unit, {@code 90d}, {@code 24h}, {@code 30m}. */
public final class Durations {
    private static final Pattern AMOUNT = Pattern.compile("([1-9][0-9]{0,5})([dhm])");

    private Durations() {}

    /**
     * @param name the option or field, for the error message
     * @return empty for a null or blank value
     * @throws IllegalArgumentException naming {@code name} and the value when it is not a positive amount of days
     *     ({@code d}), hours ({@code h}) or minutes ({@code m})
     */
    public static Optional<Duration> parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = AMOUNT.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a number of days, hours or minutes like 90d, 24h or"
                    + " 30m, got \"" + value + "\"");
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMinutes(amount);
                });
    }

    /**
     * A point in time as a filter's start: a day or an instant ({@link Dates}), or a duration before {@code now}
     * ({@code 24h}: the last 24 hours).
     */
    public static Optional<Instant> since(String value, String name, Instant now) {
        if (value != null && AMOUNT.matcher(value.strip()).matches()) {
            return parse(value, name).map(now::minus);
        }
        try {
            return Dates.parse(value, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-01-31, an instant like"
                    + " 2026-01-31T12:00:00Z or a duration back from now like 24h or 7d, got \"" + value + "\"");
        }
    }
}
