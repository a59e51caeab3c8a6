package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.audit.InMemoryAuditLog;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryAuditLogTest extends AuditLogContract {

    @Override
    protected AuditLog openLog() {
        return new InMemoryAuditLog();
    }

    @Test
    void keepsOnlyTheMostRecentEventsItHasRoomFor() {
        InMemoryAuditLog small = new InMemoryAuditLog(2);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        small.append(event(AuditEvent.UPLOAD, at, "e1"));
        small.append(event(AuditEvent.UPLOAD, at.plusSeconds(1), "e2"));
        small.append(event(AuditEvent.UPLOAD, at.plusSeconds(2), "e3"));

        assertThat(small.list(Optional.empty(), 10))
                .extracting(AuditEvent::target)
                .containsExactly("e2", "e3");
    }
}
