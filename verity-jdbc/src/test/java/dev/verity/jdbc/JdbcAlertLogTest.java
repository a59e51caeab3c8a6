package dev.verity.jdbc;

import dev.verity.observability.alerts.AlertLog;
import dev.verity.testkit.contracts.AlertLogContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcAlertLogTest extends AlertLogContract {
    private Database database;

    @Override
    protected AlertLog openLog() {
        database = Database.open(DatabaseSettings.inMemory("alerts-" + UUID.randomUUID()));
        return new JdbcAlertLog(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
