package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.observability.alerts.AlertLog.Delivery;
import dev.verity.observability.alerts.AlertLog.RecordedAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AlertLog} must do. Subclass once per implementation; each test gets an empty log. */
public abstract class AlertLogContract {
    private static final Instant AT = Instant.parse("2026-12-08T02:00:00.123Z");

    protected AlertLog log;

    /** A new, empty log. */
    protected abstract AlertLog openLog();

    @BeforeEach
    void open() {
        log = openLog();
    }

    protected static Alert alert(String rule, String tenant, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("window_value", "0.5");
        details.put("baseline_value", "0.1");
        details.put("threshold", "0.15 — ø");
        return new Alert(rule, Alert.Severity.WARNING, tenant, "Abstention rate is 50 %", details, at);
    }

    @Test
    void listsAnAlertExactlyAsRecordedWithItsDetailsInOrder() {
        Alert raised = new Alert(
                "error_rate_drift",
                Alert.Severity.CRITICAL,
                Alert.ALL_TENANTS,
                "Error and degradation rate is 40 %",
                alert("x", "acme", AT).details(),
                AT);
        RecordedAlert recorded = log.record(raised, Delivery.PENDING);

        assertThat(recorded.alert()).isEqualTo(raised);
        assertThat(recorded.delivery()).isEqualTo(Delivery.PENDING);
        assertThat(recorded.attempts()).isZero();
        List<RecordedAlert> listed = log.recent(Optional.empty(), 10);
        assertThat(listed).containsExactly(recorded);
        assertThat(listed.getFirst().alert().details().keySet())
                .containsExactly("window_value", "baseline_value", "threshold");
    }

    @Test
    void deliveryChangesTheStateAndAttemptsOfThatAlertOnly() {
        RecordedAlert first = log.record(alert("p95_latency_drift", "acme", AT), Delivery.PENDING);
        RecordedAlert second = log.record(alert("p95_latency_drift", "acme", AT.plusSeconds(1)), Delivery.PENDING);

        log.delivery(first.id(), Delivery.FAILED, 4);

        assertThat(log.recent(Optional.empty(), 10))
                .extracting(RecordedAlert::id, RecordedAlert::delivery, RecordedAlert::attempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(second.id(), Delivery.PENDING, 0),
                        org.assertj.core.groups.Tuple.tuple(first.id(), Delivery.FAILED, 4));
    }

    @Test
    void aTenantSeesItsOwnAndTheServiceWideAlertsNewestFirst() {
        log.record(alert("a", "acme", AT), Delivery.NONE);
        log.record(alert("b", "globex", AT.plus(Duration.ofMinutes(1))), Delivery.NONE);
        log.record(alert("c", Alert.ALL_TENANTS, AT.plus(Duration.ofMinutes(2))), Delivery.NONE);
        log.record(alert("d", "acme", AT.plus(Duration.ofMinutes(3))), Delivery.NONE);

        assertThat(log.recent(Optional.of("acme"), 10))
                .extracting(r -> r.alert().rule())
                .containsExactly("d", "c", "a");
        assertThat(log.recent(Optional.empty(), 2))
                .extracting(r -> r.alert().rule())
                .containsExactly("d", "c");
    }

    @Test
    void refusesALimitOutOfRange() {
        assertThatThrownBy(() -> log.recent(Optional.empty(), 0))
                .hasMessage("limit must be in 1.." + AlertLog.MAX_LIST + ", got 0");
    }
}
