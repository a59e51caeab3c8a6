package dev.verity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {
    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void keepsDetailsSortedAndUnmodifiable() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("scopes", "query");
        details.put("principals", "2");

        AuditEvent event =
                new AuditEvent(AT, AuditEvent.KEY_CREATED, "local", "default", "0123456789ab", AuditEvent.OK, details);
        details.put("late", "x");

        assertThat(event.details()).containsExactly(Map.entry("principals", "2"), Map.entry("scopes", "query"));
        assertThatThrownBy(() -> event.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesADetailLongEnoughToHoldText() {
        String question = "x".repeat(AuditEvent.MAX_DETAIL_LENGTH + 1);

        assertThatThrownBy(() -> new AuditEvent(
                        AT, AuditEvent.GUARD_BLOCK, "local", "default", "", AuditEvent.DENIED, Map.of("q", question)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detail q is at most 200 characters (ids, counts and reasons, never text), got 201");
    }

    @Test
    void refusesATypeOrOutcomeThatIsNotASnakeCaseWord() {
        assertThatThrownBy(() -> new AuditEvent(AT, "Key Created", "local", "default", "", AuditEvent.OK, Map.of()))
                .hasMessage("type must be a lower-case snake_case word ([a-z][a-z0-9_]{0,63}), got \"Key Created\"");
        assertThatThrownBy(() -> new AuditEvent(AT, AuditEvent.DELETE, "local", "default", "", "", Map.of()))
                .hasMessageStartingWith("outcome must be a lower-case snake_case word");
    }
}
