package dev.verity.app.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Dates as users type them in filters: a day ({@code 2026-01-31}, UTC midnight) or an ISO instant. */
public final class Dates {
    private Dates() {}

    /**
     * @param name the option or field, for the error message
     * @return empty for a null or blank value
     * @throws IllegalArgumentException naming {@code name} and the value when it is neither form
     */
    public static Optional<Instant> parse(String value, String name) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    value.length() == 10
                            ? LocalDate.parse(value)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()
                            : Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-01-31 or an instant like"
                    + " 2026-01-31T12:00:00Z, got \"" + value + "\"");
        }
    }
}
