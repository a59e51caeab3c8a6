package dev.verity.jdbc;

import dev.verity.ingestion.sync.SyncState;
import dev.verity.testkit.contracts.SyncStateContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcSyncStateTest extends SyncStateContract {
    private Database database;

    @Override
    protected SyncState openState() {
        database = Database.open(DatabaseSettings.inMemory("sync-" + UUID.randomUUID()));
        return new JdbcSyncState(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
