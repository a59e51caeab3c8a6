package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.app.config.RateLimitSettings.Limits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    @Test
    void theEnvironmentSetsThePerKeyDefaultsOverTheFile() {
        Map<String, Object> file = Map.of(
                "rate_limits",
                Map.of(
                        "queries_per_minute",
                        10,
                        "tokens_per_day",
                        5000,
                        "keys",
                        Map.of("vip", Map.of("queries_per_minute", 100)),
                        "tenants",
                        Map.of("acme", Map.of("tokens_per_day", 90000))));

        RateLimitSettings settings = RateLimitSettings.from(Map.of("VERITY_RATE_LIMIT_QUERIES_PER_MINUTE", "60"), file);

        assertThat(settings.perKey()).isEqualTo(new Limits(60, 5000));
        assertThat(settings.keys()).containsEntry("vip", new Limits(100, 5000));
        assertThat(settings.tenants()).containsEntry("acme", new Limits(0, 90000));
    }

    @Test
    void nothingConfiguredIsUnlimited() {
        assertThat(RateLimitSettings.from(Map.of(), Map.of()).unlimited()).isTrue();
    }

    @Test
    void aBadValueNamesTheVariableOrKeyItCameFrom() {
        assertThatThrownBy(() -> RateLimitSettings.from(Map.of("VERITY_RATE_LIMIT_TOKENS_PER_DAY", "lots"), Map.of()))
                .hasMessage(
                        "VERITY_RATE_LIMIT_TOKENS_PER_DAY must be a whole number >= 0 (0 = no limit), got \"lots\"");
        assertThatThrownBy(() -> RateLimitSettings.from(
                        Map.of(),
                        Map.of("rate_limits", Map.of("tenants", Map.of("acme", Map.of("queries_per_minute", -1))))))
                .hasMessageStartingWith("rate_limits.tenants.acme.queries_per_minute must be");
    }
}
