package dev.verity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.catalog.DocumentRecord;
import dev.verity.testkit.fakes.TestChunks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path folder;

    @Test
    void anEmbeddedDatabaseKeepsItsDataAcrossRestarts() {
        DocumentRecord record = new DocumentRecord(TestChunks.document("a.pdf").build(), 2, 100, 1);
        try (Database db = Database.open(DatabaseSettings.embedded(folder))) {
            new JdbcDocumentStore(db.dataSource()).upsert(record);
        }
        try (Database db = Database.open(DatabaseSettings.embedded(folder))) {
            assertThat(new JdbcDocumentStore(db.dataSource()).find("default", record.id()))
                    .contains(record);
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithTheUrlAndWithoutThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none", "u", "s3cret", 1);

        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none")
                .hasMessageNotContaining("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }
}
