package dev.verity.jdbc;

import dev.verity.identity.keys.ApiKeyStore;
import dev.verity.testkit.contracts.ApiKeyStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcApiKeyStoreTest extends ApiKeyStoreContract {
    private Database database;

    @Override
    protected ApiKeyStore openStore() {
        database = Database.open(DatabaseSettings.inMemory("keys-" + UUID.randomUUID()));
        return new JdbcApiKeyStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
