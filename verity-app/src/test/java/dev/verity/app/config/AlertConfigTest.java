package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.drift.DriftRule;
import dev.verity.drift.DriftSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertConfigTest {
    @TempDir
    Path dir;

    private Map<String, Object> file(String yaml) throws Exception {
        Path path = Files.writeString(dir.resolve("verity.yaml"), yaml);
        return ConfigValues.file(Map.of(ConfigValues.CONFIG_ENV, path.toString()));
    }

    @Test
    void withNothingSetDriftRunsWithItsDefaultsAndAlertsAreRecordedOnly() {
        AlertConfig config = AlertConfig.from(Map.of(), Map.of());

        assertThat(config).isEqualTo(AlertConfig.DEFAULT);
        assertThat(config.driftEnabled()).isTrue();
        assertThat(config.drift()).isEqualTo(DriftSettings.defaults());
        assertThat(config.webhook().url()).isEmpty();
    }

    @Test
    void theEnvironmentSetsTheWebhookItsHeadersSecretAndTheDriftWindows() {
        AlertConfig config = AlertConfig.from(
                Map.of(
                        "VERITY_ALERT_WEBHOOK_URL", "https://hooks.example.test/services/T0KEN",
                        "VERITY_ALERT_WEBHOOK_HEADERS", "Authorization: Bearer abc; X-Team: search",
                        "VERITY_ALERT_WEBHOOK_SECRET", "s3cret",
                        "VERITY_DRIFT_WINDOW", "30m",
                        "VERITY_DRIFT_BASELINE", "1d",
                        "VERITY_DRIFT_COOLDOWN", "2h",
                        "VERITY_DRIFT_MIN_SAMPLES", "50"),
                Map.of());

        assertThat(config.webhook().url()).contains(URI.create("https://hooks.example.test/services/T0KEN"));
        assertThat(config.webhook().headers())
                .containsExactly(Map.entry("Authorization", "Bearer abc"), Map.entry("X-Team", "search"));
        assertThat(config.webhook().secret()).contains("s3cret");
        assertThat(config.drift().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.drift().baseline()).isEqualTo(Duration.ofDays(1));
        assertThat(config.drift().cooldown()).isEqualTo(Duration.ofHours(2));
        assertThat(config.drift().minWindowSamples()).isEqualTo(50);
    }

    @Test
    void theFileSetsRulesFactorsFixedBaselinesAndTheWebhookFromAnotherVariable() throws Exception {
        AlertConfig config = AlertConfig.from(Map.of("SLACK_URL", "https://hooks.example.test/x"), file("""
                        alerts:
                          webhook: {url_env: SLACK_URL, max_attempts: 2, timeout_ms: 1500}
                          drift:
                            min_baseline_samples: 30
                            rules:
                              p95_latency: {factor: 3}
                              error_rate: {baseline: 0.01}
                        """));

        assertThat(config.webhook().url()).contains(URI.create("https://hooks.example.test/x"));
        assertThat(config.webhook().maxAttempts()).isEqualTo(2);
        assertThat(config.webhook().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.drift().minBaselineSamples()).isEqualTo(30);
        assertThat(config.drift().factor(DriftRule.P95_LATENCY)).isEqualTo(3.0);
        assertThat(config.drift().factor(DriftRule.ERROR_RATE)).isEqualTo(2.0);
        assertThat(config.drift().fixedBaselines()).containsExactly(Map.entry(DriftRule.ERROR_RATE, 0.01));
    }

    @Test
    void driftCanBeTurnedOff() {
        assertThat(AlertConfig.from(Map.of("VERITY_DRIFT", "off"), Map.of()).driftEnabled())
                .isFalse();
        assertThatThrownBy(() -> AlertConfig.from(Map.of("VERITY_DRIFT", "maybe"), Map.of()))
                .hasMessage("VERITY_DRIFT (or alerts.drift.enabled) must be on or off, got \"maybe\"");
    }

    @Test
    void mistakesNameTheSettingButNeverTheUrlOrAHeaderValue() throws Exception {
        assertThatThrownBy(() -> AlertConfig.from(Map.of("VERITY_ALERT_WEBHOOK_URL", "ftp://T0KEN@host/x"), Map.of()))
                .hasMessageStartingWith("VERITY_ALERT_WEBHOOK_URL must be an http or https URL")
                .message()
                .doesNotContain("T0KEN");
        assertThatThrownBy(() -> AlertConfig.from(
                        Map.of("VERITY_ALERT_WEBHOOK_HEADERS", "Authorization Bearer s3cret"), Map.of()))
                .hasMessage("VERITY_ALERT_WEBHOOK_HEADERS must be \"Name: value\" pairs separated by ';', but entry 1"
                        + " is not");
        assertThatThrownBy(() -> AlertConfig.from(Map.of(), file("alerts:\n  drift:\n    rules:\n      latency: {}\n")))
                .hasMessageStartingWith("alerts.drift.rules.latency: unknown drift rule \"latency\"");
        assertThatThrownBy(() -> AlertConfig.from(Map.of(), file("alerts:\n  drift:\n    windw: 5m\n")))
                .hasMessageStartingWith("alerts.drift.windw: unknown key in VERITY_CONFIG");
        assertThatThrownBy(() -> AlertConfig.from(
                        Map.of(), file("alerts:\n  drift:\n    rules:\n      p95_latency: {factor: 0.5}\n")))
                .hasMessage("alerts.drift (or VERITY_DRIFT_*): the factor of p95_latency_drift must be a number"
                        + " above 1, got 0.5");
        assertThat(Optional.of(AlertConfig.DEFAULT.webhook().toString())).isPresent();
    }
}
