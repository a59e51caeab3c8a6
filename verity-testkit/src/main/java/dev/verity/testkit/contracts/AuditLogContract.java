package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do. Subclass once per implementation; each test gets an empty log. Times are whole
 * milliseconds, the precision every log keeps.
 */
public abstract class AuditLogContract {
    private static final Instant AT = Instant.parse("2026-12-01T09:30:00.123Z");

    protected AuditLog log;

    /** A new, empty log. */
    protected abstract AuditLog openLog();

    @BeforeEach
    void open() {
        log = openLog();
    }

    protected static AuditEvent event(String type, Instant at, String target) {
        return new AuditEvent(
                at, type, "key:0123456789ab", "acme", target, AuditEvent.OK, Map.of("scopes", "admin,query"));
    }

    @Test
    void listsAnEventExactlyAsAppended() {
        AuditEvent denied = new AuditEvent(
                AT,
                AuditEvent.AUTH_FAILED,
                "anonymous",
                "default",
                "",
                AuditEvent.DENIED,
                Map.of("reason", "malformed", "route", "/v1/query — ø"));
        AuditEvent bare = new AuditEvent(AT, AuditEvent.KEY_REVOKED, "local", "default", "ab", AuditEvent.OK, Map.of());
        log.append(denied);
        log.append(bare);

        assertThat(log.list(Optional.empty(), 10)).containsExactly(denied, bare);
    }

    @Test
    void listsNothingWhenEmpty() {
        assertThat(log.list(Optional.empty(), 10)).isEmpty();
    }

    @Test
    void listsTheNewestEventsLastByTimeThenInAppendOrder() {
        log.append(event(AuditEvent.DELETE, AT.plusSeconds(10), "late"));
        log.append(event(AuditEvent.UPLOAD, AT, "first"));
        log.append(event(AuditEvent.UPLOAD, AT, "second"));
        log.append(event(AuditEvent.UPLOAD, AT.plusSeconds(5), "middle"));

        assertThat(log.list(Optional.empty(), 10))
                .extracting(AuditEvent::target)
                .containsExactly("first", "second", "middle", "late");
    }

    @Test
    void aLimitKeepsTheNewestEvents() {
        for (int i = 0; i < 5; i++) {
            log.append(event(AuditEvent.UPLOAD, AT.plusSeconds(i), "e" + i));
        }

        assertThat(log.list(Optional.empty(), 2)).extracting(AuditEvent::target).containsExactly("e3", "e4");
    }

    @Test
    void sinceIsInclusive() {
        for (int i = 0; i < 5; i++) {
            log.append(event(AuditEvent.UPLOAD, AT.plusSeconds(i), "e" + i));
        }

        assertThat(log.list(Optional.of(AT.plusSeconds(3)), 10))
                .extracting(AuditEvent::target)
                .containsExactly("e3", "e4");
        assertThat(log.list(Optional.of(AT.plusSeconds(60)), 10)).isEmpty();
    }

    @Test
    void refusesALimitOutOfRange() {
        assertThatThrownBy(() -> log.list(Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be in 1.." + AuditLog.MAX_LIST + ", got 0");
        assertThatThrownBy(() -> log.list(Optional.empty(), AuditLog.MAX_LIST + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
