package dev.verity.jdbc;

import dev.verity.embedding.EmbeddingCache;
import dev.verity.testkit.contracts.EmbeddingCacheContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcEmbeddingCacheTest extends EmbeddingCacheContract {
    private Database database;

    @Override
    protected EmbeddingCache openCache() {
        database = Database.open(DatabaseSettings.inMemory("cache-" + UUID.randomUUID()));
        return new JdbcEmbeddingCache(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
