package dev.verity.jdbc;

import dev.verity.audit.AuditLog;
import dev.verity.testkit.contracts.AuditLogContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcAuditLogTest extends AuditLogContract {
    private Database database;

    @Override
    protected AuditLog openLog() {
        database = Database.open(DatabaseSettings.inMemory("audit-" + UUID.randomUUID()));
        return new JdbcAuditLog(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
