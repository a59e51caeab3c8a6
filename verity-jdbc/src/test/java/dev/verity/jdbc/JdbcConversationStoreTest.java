package dev.verity.jdbc;

import dev.verity.conversation.ConversationStore;
import dev.verity.testkit.contracts.ConversationStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class JdbcConversationStoreTest extends ConversationStoreContract {
    private Database database;

    @Override
    protected ConversationStore openStore() {
        database = Database.open(DatabaseSettings.inMemory("conv-" + UUID.randomUUID()));
        return new JdbcConversationStore(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
