package dev.verity.jdbc;

import dev.verity.identity.Scope;
import dev.verity.identity.keys.ApiKey;
import dev.verity.identity.keys.ApiKeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link ApiKeyStore} in the database, table {@code api_keys}: one row per key with the hash of its secret (never the
 * secret). Revocation and last use are single conditional updates, so two processes writing at once keep the first
 * revocation and the latest use. Times are kept to the millisecond.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS =
            "id, name, tenant, principals, scopes, secret_hash, created_at, expires_at, revoked_at, last_used_at";

    private final DataSource dataSource;

    public JdbcApiKeyStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void create(ApiKey key, String hash) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
        Sql.inTransaction(dataSource, "create an API key", c -> {
            if (find(c, key.id()).isPresent()) {
                throw new IllegalArgumentException("an API key with id " + key.id() + " exists already");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.name());
                insert.setString(3, key.tenant());
                insert.setString(
                        4, String.join("\n", key.principals().stream().sorted().toList()));
                insert.setString(
                        5, key.scopes().stream().sorted().map(Scope::code).collect(Collectors.joining(",")));
                insert.setString(6, hash);
                insert.setTimestamp(7, timestamp(key.createdAt()));
                insert.setTimestamp(
                        8, key.expiresAt().map(JdbcApiKeyStore::timestamp).orElse(null));
                insert.setTimestamp(
                        9, key.revokedAt().map(JdbcApiKeyStore::timestamp).orElse(null));
                insert.setTimestamp(
                        10, key.lastUsedAt().map(JdbcApiKeyStore::timestamp).orElse(null));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Stored> find(String id) {
        Objects.requireNonNull(id, "id");
        return Sql.inTransaction(dataSource, "read an API key", c -> find(c, id));
    }

    @Override
    public List<ApiKey> list() {
        return Sql.inTransaction(dataSource, "list API keys", c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")) {
                List<ApiKey> keys = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        keys.add(stored(rs).key());
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        return Sql.inTransaction(dataSource, "revoke an API key", c -> {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                update.setTimestamp(1, timestamp(at));
                update.setString(2, id);
                return update.executeUpdate() > 0 || find(c, id).isPresent();
            }
        });
    }

    @Override
    public boolean replaceHash(String id, String hash) {
        Objects.requireNonNull(hash, "hash");
        return Sql.inTransaction(dataSource, "rotate an API key", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE api_keys SET secret_hash = ? WHERE id = ?")) {
                update.setString(1, hash);
                update.setString(2, id);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void recordUse(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        Sql.inTransaction(dataSource, "record an API key's use", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE api_keys SET last_used_at = ?"
                    + " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
                update.setTimestamp(1, timestamp(at));
                update.setString(2, id);
                update.setTimestamp(3, timestamp(at));
                return update.executeUpdate();
            }
        });
    }

    private static Optional<Stored> find(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        String principals = rs.getString(4);
        Set<Scope> scopes =
                Arrays.stream(rs.getString(5).split(",")).map(Scope::of).collect(Collectors.toSet());
        ApiKey key = new ApiKey(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                principals.isEmpty() ? Set.of() : Set.of(principals.split("\n")),
                scopes,
                instant(rs.getTimestamp(7)).orElseThrow(),
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)));
        return new Stored(key, rs.getString(6));
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Optional<Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }
}
