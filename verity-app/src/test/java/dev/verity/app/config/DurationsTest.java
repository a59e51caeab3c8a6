package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void readsDaysHoursAndMinutes() {
        assertThat(Durations.parse("90d", "--expires-in")).contains(Duration.ofDays(90));
        assertThat(Durations.parse(" 24h ", "--expires-in")).contains(Duration.ofHours(24));
        assertThat(Durations.parse("30m", "--expires-in")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse(null, "--expires-in")).isEmpty();
        assertThat(Durations.parse("", "--expires-in")).isEmpty();
    }

    @Test
    void refusesZeroNegativeAndOtherUnitsNamingTheOption() {
        for (String bad : new String[] {"0d", "-1d", "3 months", "90", "1y", "P90D"}) {
            assertThatThrownBy(() -> Durations.parse(bad, "--expires-in"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--expires-in must be a number of days, hours or minutes like 90d, 24h or 30m, got \""
                            + bad + "\"");
        }
    }

    @Test
    void sinceIsADayAnInstantOrATimeBackFromNow() {
        assertThat(Durations.since("24h", "--since", NOW)).contains(Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(Durations.since("2026-12-01", "--since", NOW)).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Durations.since("2026-12-01T08:30:00Z", "--since", NOW))
                .contains(Instant.parse("2026-12-01T08:30:00Z"));
        assertThat(Durations.since(null, "--since", NOW)).isEmpty();
        assertThatThrownBy(() -> Durations.since("yesterday", "--since", NOW))
                .hasMessage("--since must be a date like 2026-01-31, an instant like 2026-01-31T12:00:00Z or a"
                        + " duration back from now like 24h or 7d, got \"yesterday\"");
    }
}
