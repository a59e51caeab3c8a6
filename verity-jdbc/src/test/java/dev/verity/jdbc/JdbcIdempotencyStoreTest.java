package dev.verity.jdbc;

import dev.verity.idempotency.IdempotencyStore;
import dev.verity.testkit.contracts.IdempotencyStoreContract;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcIdempotencyStoreTest extends IdempotencyStoreContract {
    private Database database;

    @Override
    protected IdempotencyStore openStore() {
        database = Database.open(DatabaseSettings.inMemory("idem-" + UUID.randomUUID()));
        return new JdbcIdempotencyStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
