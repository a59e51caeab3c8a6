package dev.verity.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.observability.alerts.Alert;
import dev.verity.query.QueryResult.Outcome;
import dev.verity.runs.Feedback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    private static final Instant START = Instant.parse("2026-12-08T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final List<Alert> sunk = new ArrayList<>();
    /** A 10-minute window against the 60 minutes before it; 10 samples in the window, 20 in the baseline. */
    private final DriftSettings settings = DriftSettings.defaults()
            .withWindow(Duration.ofMinutes(10), Duration.ofMinutes(60))
            .withMinSamples(10, 20);

    private final DriftMonitor drift = new DriftMonitor(settings, sunk::add, clock);

    @Test
    void slowerWindowThanBaselineFiresP95LatencyWithTheNumbersBehindIt() {
        baselineOf(60, "acme", Outcome.ANSWERED, 1_000); // an hour of one 1 s answer per minute
        for (int i = 0; i < 10; i++) {
            drift.answered("acme", Outcome.ANSWERED, 5_000, 0);
        }

        List<Alert> alerts = drift.evaluate();

        assertThat(alerts).extracting(Alert::rule).containsExactly("p95_latency_drift");
        Alert alert = alerts.getFirst();
        assertThat(alert.tenant()).isEqualTo(Alert.ALL_TENANTS);
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        // histogram buckets end at 2^(i/3) ms: 1000 ms falls in the bucket ending at 2^(30/3) = 1024 ms,
        // 5000 ms in the one ending at 2^(37/3) = 5160.6 ms; threshold 1024 × 2 = 2048 ms
        assertThat(alert.details())
                .containsEntry("window", "10 min")
                .containsEntry("window_value", "5161")
                .containsEntry("window_samples", "10")
                .containsEntry("baseline", "1 h before the window")
                .containsEntry("baseline_value", "1024")
                .containsEntry("baseline_samples", "60")
                .containsEntry("factor", "2")
                .containsEntry("threshold", "2048");
        assertThat(alert.summary())
                .startsWith("P95 latency over the last 10 min is 5161 ms, 5.0× its baseline of 1024 ms");
        assertThat(sunk).isEqualTo(alerts);
    }

    @Test
    void aWindowWithFewerSamplesThanTheMinimumDoesNotFire() {
        baselineOf(60, "acme", Outcome.ANSWERED, 1_000);
        for (int i = 0; i < 9; i++) { // one short of the minimum of 10
            drift.answered("acme", Outcome.ANSWERED, 9_000, 0);
        }

        assertThat(drift.evaluate()).isEmpty();

        drift.answered("acme", Outcome.ANSWERED, 9_000, 0);
        assertThat(drift.evaluate()).extracting(Alert::rule).containsExactly("p95_latency_drift");
    }

    @Test
    void aBaselineWithFewerSamplesThanTheMinimumDoesNotFire() {
        baselineOf(19, "acme", Outcome.ANSWERED, 1_000); // 19 < 20 baseline samples
        for (int i = 0; i < 20; i++) {
            drift.answered("acme", Outcome.ANSWERED, 9_000, 0);
        }

        assertThat(drift.evaluate()).isEmpty();
    }

    @Test
    void aRuleFiresOncePerCooldownAndAgainAfterIt() {
        drift.answered("acme", Outcome.ANSWERED, 0, 0); // nothing: the fixed baseline needs no history
        DriftMonitor fixed = new DriftMonitor(
                settings.withFixedBaseline(DriftRule.ABSTENTION_RATE, 0.1).withCooldown(Duration.ofMinutes(30)),
                sunk::add,
                clock);
        for (int i = 0; i < 10; i++) {
            fixed.answered("acme", Outcome.ABSTAINED, 100, 0);
        }

        assertThat(fixed.evaluate()).extracting(Alert::rule).containsExactly("abstention_rate_drift");
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            fixed.answered("acme", Outcome.ABSTAINED, 100, 0);
        }
        assertThat(fixed.evaluate()).as("cooling down").isEmpty();
        clock.advance(Duration.ofMinutes(26));
        for (int i = 0; i < 10; i++) {
            fixed.answered("acme", Outcome.ABSTAINED, 100, 0);
        }
        List<Alert> again = fixed.evaluate();
        assertThat(again).extracting(Alert::rule).containsExactly("abstention_rate_drift");
        assertThat(again.getFirst().details())
                .containsEntry("baseline", "fixed")
                .containsEntry("baseline_value", "0.1")
                .containsEntry("baseline_samples", "0")
                .containsEntry("window_value", "1");
    }

    @Test
    void aRateUnderItsFloorNeverFiresEvenWhenTheBaselineIsZero() {
        baselineOf(60, "acme", Outcome.ANSWERED, 100);
        // 1 degraded answer in 25: 4 % is under the 5 % floor of the error rule, whatever the baseline of 0 says
        for (int i = 0; i < 24; i++) {
            drift.answered("acme", Outcome.ANSWERED, 100, 0);
        }
        drift.answered("acme", Outcome.DEGRADED, 100, 0);

        assertThat(drift.evaluate()).isEmpty();

        drift.failed("acme"); // 2 of 26 = 7.7 %: over the floor, and above 0 × 2
        List<Alert> alerts = drift.evaluate();
        assertThat(alerts).extracting(Alert::rule).containsExactly("error_rate_drift");
        assertThat(alerts.getFirst().severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(alerts.getFirst().details())
                .containsEntry("window_samples", "26")
                .containsEntry("baseline_value", "0");
    }

    @Test
    void costGuardBlocksAndThumbsDownEachFireTheirOwnRule() {
        for (int i = 0; i < 60; i++) {
            drift.answered("acme", Outcome.ANSWERED, 100, 0.002);
            drift.feedback(thumb("acme", Feedback.Rating.UP));
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(9));
        for (int i = 0; i < 10; i++) {
            drift.answered("acme", Outcome.BLOCKED, 100, 0.01);
            drift.feedback(thumb("acme", Feedback.Rating.DOWN));
        }

        assertThat(drift.evaluate())
                .extracting(Alert::rule)
                .containsExactly("cost_per_answer_drift", "guard_block_rate_drift", "thumbs_down_drift");
    }

    @Test
    void tenantsAreJudgedOneByOneOnlyWhenSeveralAnswered() {
        baselineOf(60, "acme", Outcome.ANSWERED, 100);
        for (int i = 0; i < 20; i++) {
            drift.answered("acme", Outcome.ABSTAINED, 100, 0);
        }
        assertThat(drift.evaluate()).extracting(Alert::tenant).containsExactly(Alert.ALL_TENANTS);

        clock.advance(Duration.ofHours(2)); // cooled down, and the old buckets have left the ring
        for (int i = 0; i < 60; i++) {
            drift.answered("acme", Outcome.ANSWERED, 100, 0);
            drift.answered("globex", Outcome.ANSWERED, 100, 0);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(9));
        for (int i = 0; i < 20; i++) {
            drift.answered("acme", Outcome.ABSTAINED, 100, 0);
            drift.answered("globex", Outcome.ANSWERED, 100, 0);
        }
        // acme: 20 of 20 abstained; the service: 20 of 40 = 50 % against a baseline of 0: both fire, globex not
        assertThat(drift.evaluate()).extracting(Alert::tenant).containsExactly(Alert.ALL_TENANTS, "acme");
    }

    @Test
    void tenantsBeyondTheMaximumCountOnlyInTheServiceWideFigures() {
        DriftMonitor bounded = new DriftMonitor(
                settings.withMaxTenants(1).withFixedBaseline(DriftRule.ABSTENTION_RATE, 0), sunk::add, clock);
        for (int i = 0; i < 20; i++) {
            bounded.answered("acme", Outcome.ANSWERED, 100, 0);
            bounded.answered("globex", Outcome.ABSTAINED, 100, 0);
        }

        assertThat(bounded.evaluate()).extracting(Alert::tenant).containsExactly(Alert.ALL_TENANTS);
    }

    @Test
    void answersOlderThanWindowPlusBaselineAreForgotten() {
        baselineOf(60, "acme", Outcome.ANSWERED, 1_000);
        clock.advance(Duration.ofMinutes(61)); // the whole baseline has left the ring
        for (int i = 0; i < 10; i++) {
            drift.answered("acme", Outcome.ANSWERED, 9_000, 0);
        }

        assertThat(drift.evaluate()).isEmpty();
    }

    @Test
    void settingsRefuseAFactorOfOneOrLessAndAWindowThatIsNotWholeMinutes() {
        assertThatThrownBy(() -> DriftSettings.defaults().withFactor(DriftRule.P95_LATENCY, 1.0))
                .hasMessage("the factor of p95_latency_drift must be a number above 1, got 1.0");
        assertThatThrownBy(() -> DriftSettings.defaults().withWindow(Duration.ofSeconds(90), Duration.ofHours(1)))
                .hasMessage("window must be a whole number of minutes, at least one, got PT1M30S");
        assertThat(DriftRule.parse("p95_latency")).isEqualTo(DriftRule.P95_LATENCY);
    }

    /**
     * One answer a minute for {@code minutes} minutes, then the clock in the last minute of the window that follows
     * (so the window holds only what the test adds next).
     */
    private void baselineOf(int minutes, String tenant, Outcome outcome, long latencyMs) {
        for (int i = 0; i < minutes; i++) {
            drift.answered(tenant, outcome, latencyMs, 0);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(9));
    }

    private Feedback thumb(String tenant, Feedback.Rating rating) {
        return new Feedback(
                "0af7651916cd43dd8448eb211c80319c", rating, Optional.empty(), tenant, "local", clock.instant());
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
