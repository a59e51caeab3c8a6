package dev.verity.jdbc;

import dev.verity.testkit.contracts.JobStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcJobStoreTest extends JobStoreContract {
    private Database database;

    @Override
    protected Stores openStores() {
        database = Database.open(DatabaseSettings.inMemory("jobs-" + UUID.randomUUID()));
        return new Stores(new JdbcJobStore(database.dataSource()), new JdbcDocumentStore(database.dataSource()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
