package dev.verity.jdbc;

import dev.verity.embedding.EmbeddingCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link EmbeddingCache} in the database: vectors as little-endian float32 bytes, keyed by model and content hash.
 * Concurrent writers of the same key are harmless: the same text gives the same vector, the first write wins.
 */
public final class JdbcEmbeddingCache implements EmbeddingCache {
    /** Hashes per {@code IN (…)} lookup: well under every driver's parameter limit. */
    private static final int LOOKUP_BATCH = 500;

    private final DataSource dataSource;

    public JdbcEmbeddingCache(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Map<String, float[]> getAll(String modelId, Collection<String> contentHashes) {
        List<String> hashes = new ArrayList<>(new java.util.LinkedHashSet<>(contentHashes));
        Map<String, float[]> found = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += LOOKUP_BATCH) {
            List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_BATCH));
            String placeholders = String.join(", ", Collections.nCopies(batch.size(), "?"));
            Sql.inTransaction(dataSource, "read cached embeddings", c -> {
                try (PreparedStatement statement = c.prepareStatement("SELECT content_hash, vector FROM embedding_cache"
                        + " WHERE model = ? AND content_hash IN (" + placeholders + ")")) {
                    statement.setString(1, modelId);
                    for (int i = 0; i < batch.size(); i++) {
                        statement.setString(i + 2, batch.get(i));
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), decode(rs.getBytes(2)));
                        }
                    }
                }
                return null;
            });
        }
        return found;
    }

    @Override
    public void putAll(String modelId, Map<String, float[]> vectorsByHash) {
        if (vectorsByHash.isEmpty()) {
            return;
        }
        Map<String, float[]> fresh = new HashMap<>(vectorsByHash);
        fresh.keySet().removeAll(getAll(modelId, vectorsByHash.keySet()).keySet());
        if (fresh.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try {
            insert(modelId, fresh, now);
        } catch (StorageException e) {
            // another writer stored some of these vectors meanwhile; they are identical, so keep theirs
            Map<String, float[]> stillMissing = new HashMap<>(fresh);
            stillMissing.keySet().removeAll(getAll(modelId, fresh.keySet()).keySet());
            if (!stillMissing.isEmpty()) {
                insert(modelId, stillMissing, now);
            }
        }
    }

    private void insert(String modelId, Map<String, float[]> vectors, Timestamp now) {
        Sql.inTransaction(dataSource, "cache embeddings", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO embedding_cache"
                    + " (model, content_hash, dimension, vector, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    insert.setString(1, modelId);
                    insert.setString(2, e.getKey());
                    insert.setInt(3, e.getValue().length);
                    insert.setBytes(4, encode(e.getValue()));
                    insert.setTimestamp(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
