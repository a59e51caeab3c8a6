package dev.verity.jdbc;

import dev.verity.catalog.DocumentStore;
import dev.verity.testkit.contracts.DocumentStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcDocumentStoreTest extends DocumentStoreContract {
    private Database database;

    @Override
    protected DocumentStore openStore() {
        database = Database.open(DatabaseSettings.inMemory("store-" + UUID.randomUUID()));
        return new JdbcDocumentStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
