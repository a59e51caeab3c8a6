package dev.verity.jdbc;

import dev.verity.idempotency.IdempotencyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link IdempotencyStore} in the database. The primary key (tenant, actor, key) decides races: of two requests claiming
 * the same key at once, exactly one insert succeeds; the same key from another caller is another row.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcIdempotencyStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim claim(Key key, String requestHash, Duration ttl) {
        Timestamp now = Timestamp.from(clock.instant());
        Sql.inTransaction(dataSource, "expire idempotency keys", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_keys WHERE created_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant().minus(ttl)));
                return delete.executeUpdate();
            }
        });
        try {
            Sql.inTransaction(dataSource, "claim idempotency key", c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO idempotency_keys (tenant, actor, idempotency_key, request_hash, status, response,"
                                + " created_at) VALUES (?, ?, ?, ?, NULL, NULL, ?)")) {
                    bind(insert, 1, key);
                    insert.setString(4, requestHash);
                    insert.setTimestamp(5, now);
                    return insert.executeUpdate();
                }
            });
            return new Claim.Fresh();
        } catch (StorageException duplicate) {
            return Sql.inTransaction(dataSource, "read idempotency key", c -> {
                try (PreparedStatement select =
                        c.prepareStatement("SELECT request_hash, status, response FROM idempotency_keys"
                                + " WHERE tenant = ? AND actor = ? AND idempotency_key = ?")) {
                    bind(select, 1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException(
                                    "idempotency key " + key.value() + " vanished after a duplicate insert", duplicate);
                        }
                        if (!rs.getString(1).equals(requestHash)) {
                            return new Claim.Mismatch();
                        }
                        int status = rs.getInt(2);
                        return rs.wasNull() ? new Claim.InProgress() : new Claim.Done(status, rs.getString(3));
                    }
                }
            });
        }
    }

    @Override
    public void complete(Key key, int status, String response) {
        Sql.inTransaction(dataSource, "store idempotent response", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE idempotency_keys SET status = ?, response = ?"
                    + " WHERE tenant = ? AND actor = ? AND idempotency_key = ?")) {
                update.setInt(1, status);
                update.setString(2, response);
                bind(update, 3, key);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void release(Key key) {
        Sql.inTransaction(dataSource, "release idempotency key", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_keys"
                    + " WHERE tenant = ? AND actor = ? AND idempotency_key = ? AND status IS NULL")) {
                bind(delete, 1, key);
                return delete.executeUpdate();
            }
        });
    }

    /** Binds tenant, actor and key value at {@code first}, {@code first + 1} and {@code first + 2}. */
    private static void bind(PreparedStatement statement, int first, Key key) throws SQLException {
        statement.setString(first, key.tenant());
        statement.setString(first + 1, key.actor());
        statement.setString(first + 2, key.value());
    }
}
