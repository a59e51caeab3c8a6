package dev.verity.jdbc;

import dev.verity.audit.AuditLog;
import dev.verity.catalog.DocumentStore;
import dev.verity.conversation.ConversationStore;
import dev.verity.embedding.EmbeddingCache;
import dev.verity.idempotency.IdempotencyStore;
import dev.verity.identity.keys.ApiKeyStore;
import dev.verity.ingestion.sync.SyncState;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.runs.RunStore;
import dev.verity.testkit.contracts.AlertLogContract;
import dev.verity.testkit.contracts.ApiKeyStoreContract;
import dev.verity.testkit.contracts.AuditLogContract;
import dev.verity.testkit.contracts.ConversationStoreContract;
import dev.verity.testkit.contracts.DocumentStoreContract;
import dev.verity.testkit.contracts.EmbeddingCacheContract;
import dev.verity.testkit.contracts.IdempotencyStoreContract;
import dev.verity.testkit.contracts.JobStoreContract;
import dev.verity.testkit.contracts.RunStoreContract;
import dev.verity.testkit.contracts.SyncStateContract;
import dev.verity.testkit.contracts.UsageLedgerContract;
import dev.verity.usage.UsageLedger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contracts against a real PostgreSQL, proving the migrations and SQL are portable. Runs when
 * {@code VERITY_TEST_POSTGRES_URL} (plus {@code _USER} and {@code _PASSWORD}) names a database, as {@code .ci/run}
 * sets up; each test gets a schema of its own.
 */
@EnabledIfEnvironmentVariable(named = "VERITY_TEST_POSTGRES_URL", matches = ".+")
class PostgresStoresIT {

    static Database freshSchema() {
        String url = System.getenv("VERITY_TEST_POSTGRES_URL");
        String user = System.getenv("VERITY_TEST_POSTGRES_USER");
        String password = System.getenv("VERITY_TEST_POSTGRES_PASSWORD");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in " + url, e);
        }
        String separator = url.contains("?") ? "&" : "?";
        return Database.open(new DatabaseSettings(url + separator + "currentSchema=" + schema, user, password, 2));
    }

    @Nested
    class DocumentStoreOnPostgres extends DocumentStoreContract {
        private Database database;

        @Override
        protected DocumentStore openStore() {
            database = freshSchema();
            return new JdbcDocumentStore(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class JobStoreOnPostgres extends JobStoreContract {
        private Database database;

        @Override
        protected Stores openStores() {
            database = freshSchema();
            return new Stores(new JdbcJobStore(database.dataSource()), new JdbcDocumentStore(database.dataSource()));
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class IdempotencyStoreOnPostgres extends IdempotencyStoreContract {
        private Database database;

        @Override
        protected IdempotencyStore openStore() {
            database = freshSchema();
            return new JdbcIdempotencyStore(database.dataSource(), java.time.Clock.systemUTC());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class UsageLedgerOnPostgres extends UsageLedgerContract {
        private Database database;

        @Override
        protected UsageLedger openLedger() {
            database = freshSchema();
            return new JdbcUsageLedger(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class ApiKeyStoreOnPostgres extends ApiKeyStoreContract {
        private Database database;

        @Override
        protected ApiKeyStore openStore() {
            database = freshSchema();
            return new JdbcApiKeyStore(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class AlertLogOnPostgres extends AlertLogContract {
        private Database database;

        @Override
        protected AlertLog openLog() {
            database = freshSchema();
            return new JdbcAlertLog(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class AuditLogOnPostgres extends AuditLogContract {
        private Database database;

        @Override
        protected AuditLog openLog() {
            database = freshSchema();
            return new JdbcAuditLog(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class RunStoreOnPostgres extends RunStoreContract {
        private Database database;

        @Override
        protected RunStore openStore() {
            database = freshSchema();
            return new JdbcRunStore(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class EmbeddingCacheOnPostgres extends EmbeddingCacheContract {
        private Database database;

        @Override
        protected EmbeddingCache openCache() {
            database = freshSchema();
            return new JdbcEmbeddingCache(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class ConversationStoreOnPostgres extends ConversationStoreContract {
        private Database database;

        @Override
        protected ConversationStore openStore() {
            database = freshSchema();
            return new JdbcConversationStore(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }

    @Nested
    class SyncStateOnPostgres extends SyncStateContract {
        private Database database;

        @Override
        protected SyncState openState() {
            database = freshSchema();
            return new JdbcSyncState(database.dataSource());
        }

        @AfterEach
        void closeDatabase() {
            database.close();
        }
    }
}
