package dev.verity.jdbc;

import dev.verity.testkit.contracts.UsageLedgerContract;
import dev.verity.usage.UsageLedger;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcUsageLedgerTest extends UsageLedgerContract {
    private Database database;

    @Override
    protected UsageLedger openLedger() {
        database = Database.open(DatabaseSettings.inMemory("usage-" + UUID.randomUUID()));
        return new JdbcUsageLedger(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
