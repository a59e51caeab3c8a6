package dev.verity.jdbc;

import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.DocumentInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link DocumentStore} on H2 or PostgreSQL, in plain portable SQL. The parse-quality report is JSON kept as plain
 * text ({@link ParseQualityJson}): the two databases disagree on JSON SQL, and the report is never queried.
 */
public final class JdbcDocumentStore implements DocumentStore {
    private static final String COLUMNS = "id, tenant, collection, source, title, media_type, language,"
            + " content_sha256, version, chunk_count, size_bytes, page_count, ingested_at, parse_quality, parent_id";

    private final DataSource dataSource;

    public JdbcDocumentStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<DocumentRecord> find(String tenant, String documentId) {
        return Sql.inTransaction(dataSource, "read document " + documentId, c -> {
            List<DocumentRecord> found =
                    query(c, "SELECT " + COLUMNS + " FROM documents WHERE tenant = ? AND id = ?", tenant, documentId);
            return found.stream().findFirst();
        });
    }

    @Override
    public List<DocumentRecord> list(String tenant, String collection) {
        return Sql.inTransaction(
                dataSource,
                "list collection " + collection,
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM documents WHERE tenant = ? AND collection = ? ORDER BY source, id",
                        tenant,
                        collection));
    }

    @Override
    public List<DocumentRecord> list(String tenant) {
        return Sql.inTransaction(
                dataSource,
                "list the documents of a tenant",
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM documents WHERE tenant = ? ORDER BY collection, source, id",
                        tenant));
    }

    @Override
    public List<DocumentRecord> all() {
        return Sql.inTransaction(
                dataSource, "list all documents", c -> query(c, "SELECT " + COLUMNS + " FROM documents ORDER BY id"));
    }

    @Override
    public List<DocumentRecord> children(String tenant, String parentId) {
        return Sql.inTransaction(
                dataSource,
                "list the documents inside " + parentId,
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM documents WHERE tenant = ? AND parent_id = ? ORDER BY source, id",
                        tenant,
                        parentId));
    }

    @Override
    public void upsert(DocumentRecord record) {
        DocumentInfo info = record.info();
        Sql.inTransaction(dataSource, "save document " + info.id(), c -> {
            upsert(c, record);
            return null;
        });
    }

    /** Writes the record in the caller's transaction (the job store completes jobs and documents together). */
    static void upsert(Connection c, DocumentRecord record) throws SQLException {
        DocumentInfo info = record.info();
        // delete + insert in one transaction: portable (no MERGE/ON CONFLICT dialects) and replaces the ACL too
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            delete.setString(1, info.id());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO documents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, info.id());
            insert.setString(2, info.tenant());
            insert.setString(3, info.collection());
            insert.setString(4, info.source());
            insert.setString(5, info.title());
            insert.setString(6, info.mediaType());
            insert.setString(7, info.language());
            insert.setString(8, info.contentSha256());
            insert.setInt(9, info.version());
            insert.setInt(10, record.chunkCount());
            insert.setLong(11, record.sizeBytes());
            insert.setInt(12, record.pageCount());
            insert.setTimestamp(13, Timestamp.from(info.ingestedAt()));
            insert.setString(14, record.quality().map(ParseQualityJson::write).orElse(null));
            insert.setString(15, record.parentId().orElse(null));
            insert.executeUpdate();
        }
        if (!info.acl().isEmpty()) {
            try (PreparedStatement acl =
                    c.prepareStatement("INSERT INTO document_acl (document_id, principal) VALUES (?, ?)")) {
                for (String principal : info.acl()) {
                    acl.setString(1, info.id());
                    acl.setString(2, principal);
                    acl.addBatch();
                }
                acl.executeBatch();
            }
        }
    }

    @Override
    public boolean delete(String documentId) {
        return Sql.inTransaction(dataSource, "delete document " + documentId, c -> delete(c, documentId));
    }

    /** Deletes the record in the caller's transaction. */
    static boolean delete(Connection c, String documentId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            delete.setString(1, documentId);
            return delete.executeUpdate() > 0;
        }
    }

    private static List<DocumentRecord> query(Connection c, String sql, String... args) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(Row.read(rs));
                }
            }
        }
        Map<String, Set<String>> acls = acls(c, rows.stream().map(Row::id).toList());
        return rows.stream()
                .map(r -> r.toRecord(acls.getOrDefault(r.id(), Set.of())))
                .toList();
    }

    private static Map<String, Set<String>> acls(Connection c, List<String> ids) throws SQLException {
        Map<String, Set<String>> acls = new HashMap<>();
        if (ids.isEmpty()) {
            return acls;
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT document_id, principal FROM document_acl WHERE document_id IN (" + placeholders + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    acls.computeIfAbsent(rs.getString(1), x -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return acls;
    }

    /** One row of {@code documents} before its ACL is attached. */
    private record Row(
            String id,
            String tenant,
            String collection,
            String source,
            String title,
            String mediaType,
            String language,
            String sha256,
            int version,
            int chunkCount,
            long sizeBytes,
            int pageCount,
            Timestamp ingestedAt,
            String quality,
            String parentId) {

        static Row read(ResultSet rs) throws SQLException {
            return new Row(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getInt(9),
                    rs.getInt(10),
                    rs.getLong(11),
                    rs.getInt(12),
                    rs.getTimestamp(13),
                    rs.getString(14),
                    rs.getString(15));
        }

        DocumentRecord toRecord(Set<String> acl) {
            DocumentInfo info = new DocumentInfo(
                    id,
                    version,
                    collection,
                    tenant,
                    acl,
                    source,
                    title,
                    mediaType,
                    language,
                    sha256,
                    ingestedAt.toInstant());
            return new DocumentRecord(
                    info,
                    chunkCount,
                    sizeBytes,
                    pageCount,
                    ParseQualityJson.read(quality),
                    Optional.ofNullable(parentId));
        }
    }
}
