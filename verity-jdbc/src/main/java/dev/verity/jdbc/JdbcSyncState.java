package dev.verity.jdbc;

import dev.verity.ingestion.sync.SyncEntry;
import dev.verity.ingestion.sync.SyncState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link SyncState} on H2 or PostgreSQL, in plain portable SQL. */
public final class JdbcSyncState implements SyncState {
    private static final String COLUMNS =
            "document_id, tenant, collection, root, source, content_sha256, etag, last_modified, synced_at";

    private final DataSource dataSource;

    public JdbcSyncState(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<SyncEntry> entries(String tenant, String collection, String root) {
        return Sql.inTransaction(
                dataSource,
                "list the sync entries of " + root,
                c -> query(
                        c,
                        "SELECT " + COLUMNS
                                + " FROM sync_entries WHERE tenant = ? AND collection = ? AND root = ? ORDER BY source",
                        tenant,
                        collection,
                        root));
    }

    @Override
    public Optional<SyncEntry> find(String documentId) {
        return Sql.inTransaction(
                dataSource,
                "read the sync entry of " + documentId,
                c -> query(c, "SELECT " + COLUMNS + " FROM sync_entries WHERE document_id = ?", documentId).stream()
                        .findFirst());
    }

    @Override
    public void put(SyncEntry entry) {
        Sql.inTransaction(dataSource, "save the sync entry of " + entry.documentId(), c -> {
            // delete + insert in one transaction: portable, no MERGE/ON CONFLICT dialects
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_entries WHERE document_id = ?")) {
                delete.setString(1, entry.documentId());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO sync_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.documentId());
                insert.setString(2, entry.tenant());
                insert.setString(3, entry.collection());
                insert.setString(4, entry.root());
                insert.setString(5, entry.source());
                insert.setString(6, entry.contentSha256());
                insert.setString(7, entry.etag().orElse(null));
                insert.setString(8, entry.lastModified().orElse(null));
                insert.setTimestamp(9, Timestamp.from(entry.syncedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean remove(String documentId) {
        return Sql.inTransaction(dataSource, "delete the sync entry of " + documentId, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_entries WHERE document_id = ?")) {
                delete.setString(1, documentId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static List<SyncEntry> query(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setString(i + 1, params[i]);
            }
            List<SyncEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new SyncEntry(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Optional.ofNullable(rs.getString(7)),
                            Optional.ofNullable(rs.getString(8)),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return entries;
        }
    }
}
