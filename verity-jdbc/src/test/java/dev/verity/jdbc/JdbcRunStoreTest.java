package dev.verity.jdbc;

import dev.verity.runs.RunStore;
import dev.verity.testkit.contracts.RunStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcRunStoreTest extends RunStoreContract {
    private Database database;

    @Override
    protected RunStore openStore() {
        database = Database.open(DatabaseSettings.inMemory("runs-" + UUID.randomUUID()));
        return new JdbcRunStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
