package dev.verity.jdbc;

import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertLog;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AlertLog} in the database, table {@code alerts}: one row per alert, details as JSON text in the order the
 * alert gave them, ids of 16 random bytes in hex. Times are kept to the millisecond.
 */
public final class JdbcAlertLog implements AlertLog {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {};
    private static final String COLUMNS = "id, alert_at, rule, severity, tenant, summary, details, delivery, attempts";
    private static final SecureRandom IDS = new SecureRandom();

    private final DataSource dataSource;

    public JdbcAlertLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public RecordedAlert record(Alert alert, Delivery delivery) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(delivery, "delivery");
        byte[] bytes = new byte[16];
        IDS.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Alert kept = new Alert(
                alert.rule(),
                alert.severity(),
                alert.tenant(),
                alert.summary(),
                alert.details(),
                alert.at().truncatedTo(ChronoUnit.MILLIS));
        Sql.inTransaction(dataSource, "record an alert", c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setTimestamp(2, Timestamp.from(kept.at()));
                insert.setString(3, kept.rule());
                insert.setString(4, kept.severity().name().toLowerCase(Locale.ROOT));
                insert.setString(5, kept.tenant());
                insert.setString(6, kept.summary());
                insert.setString(7, JSON.writeValueAsString(kept.details()));
                insert.setString(8, delivery.code());
                insert.setInt(9, 0);
                return insert.executeUpdate();
            }
        });
        return new RecordedAlert(id, kept, delivery, 0);
    }

    @Override
    public void delivery(String id, Delivery delivery, int attempts) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(delivery, "delivery");
        Sql.inTransaction(dataSource, "record an alert's delivery", c -> {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE alerts SET delivery = ?, attempts = ? WHERE id = ?")) {
                update.setString(1, delivery.code());
                update.setInt(2, attempts);
                update.setString(3, id);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<RecordedAlert> recent(Optional<String> tenant, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        AlertLog.checkLimit(limit);
        return Sql.inTransaction(dataSource, "read the alerts", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts"
                    + (tenant.isPresent() ? " WHERE tenant IN (?, ?)" : "")
                    + " ORDER BY alert_at DESC, id LIMIT ?")) {
                int i = 1;
                if (tenant.isPresent()) {
                    select.setString(i++, tenant.get());
                    select.setString(i++, Alert.ALL_TENANTS);
                }
                select.setInt(i, limit);
                List<RecordedAlert> alerts = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Map<String, String> details = JSON.readValue(rs.getString(7), DETAILS);
                        Alert alert = new Alert(
                                rs.getString(3),
                                Alert.Severity.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                                rs.getString(5),
                                rs.getString(6),
                                details,
                                rs.getTimestamp(2).toInstant());
                        alerts.add(new RecordedAlert(
                                rs.getString(1), alert, Delivery.parse(rs.getString(8)), rs.getInt(9)));
                    }
                }
                return alerts;
            }
        });
    }
}
