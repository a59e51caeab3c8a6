package dev.verity.jdbc;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AuditLog} in the database, table {@code audit_events}: one row per event, details as JSON text, a generated
 * sequence number ordering events of the same millisecond. This class only inserts and selects: there is no statement
 * that changes or removes an event.
 */
public final class JdbcAuditLog implements AuditLog {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};
    private static final String COLUMNS = "event_at, event_type, actor, tenant, target, outcome, details";

    private final DataSource dataSource;

    public JdbcAuditLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        Sql.inTransaction(dataSource, "append to the audit log", c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setTimestamp(1, Timestamp.from(event.at().truncatedTo(ChronoUnit.MILLIS)));
                insert.setString(2, event.type());
                insert.setString(3, event.actor());
                insert.setString(4, event.tenant());
                insert.setString(5, event.target());
                insert.setString(6, event.outcome());
                insert.setString(7, JSON.writeValueAsString(event.details()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEvent> list(Optional<Instant> since, int limit) {
        Objects.requireNonNull(since, "since");
        AuditLog.checkLimit(limit);
        return Sql.inTransaction(dataSource, "read the audit log", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_events"
                    + (since.isPresent() ? " WHERE event_at >= ?" : "")
                    + " ORDER BY event_at DESC, seq DESC LIMIT ?")) {
                int i = 1;
                if (since.isPresent()) {
                    select.setTimestamp(i++, Timestamp.from(since.get()));
                }
                select.setInt(i, limit);
                List<AuditEvent> events = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Map<String, String> details = JSON.readValue(rs.getString(7), DETAILS);
                        events.add(new AuditEvent(
                                rs.getTimestamp(1).toInstant(),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                details));
                    }
                }
                Collections.reverse(events); // newest last
                return events;
            }
        });
    }
}
