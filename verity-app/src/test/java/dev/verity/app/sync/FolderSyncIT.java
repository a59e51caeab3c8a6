package dev.verity.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.catalog.DocumentRecord;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.ingestion.sync.SyncOutcome.Status;
import dev.verity.ingestion.sync.SyncReport;
import dev.verity.ingestion.sync.SyncRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that changes between syncs: the plan and the index after each sync, on the embedded H2 database and, when
 * {@code VERITY_TEST_POSTGRES_URL} is set, on PostgreSQL.
 */
class FolderSyncIT {
    private static final IngestOptions OPTIONS = IngestOptions.into("handbook");

    @TempDir
    Path root;

    @Test
    void aChangingFolderStaysInStepOnH2() throws Exception {
        changingFolder(VerityConfig.from(root.resolve("data"), Map.of()));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "VERITY_TEST_POSTGRES_URL", matches = ".+")
    void aChangingFolderStaysInStepOnPostgres() throws Exception {
        String url = System.getenv("VERITY_TEST_POSTGRES_URL");
        String user = System.getenv("VERITY_TEST_POSTGRES_USER");
        String password = System.getenv("VERITY_TEST_POSTGRES_PASSWORD");
        String schema = "sync_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        changingFolder(VerityConfig.from(
                root.resolve("data"),
                Map.of(
                        "VERITY_DB_URL",
                        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                        "VERITY_DB_USER",
                        user,
                        "VERITY_DB_PASSWORD",
                        password)));
    }

    private void changingFolder(VerityConfig config) throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("leave.txt"), "Annual leave is 25 days per year.");
        Files.writeString(docs.resolve("expenses.txt"), "Expenses are refunded within 14 days.");
        Files.writeString(docs.resolve("travel.txt"), "Travel is booked through the travel desk.");
        Files.writeString(docs.resolve(".hidden.txt"), "Hidden files are never synced.");
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("security.txt"), "Badges must be worn at all times.");

        try (Verity verity = Verity.forWriting(config)) {
            // a document ingested another way, and one ingested earlier from this very folder
            verity.ingestion()
                    .ingest(
                            List.of(
                                    new SourceFile(elsewhere.resolve("security.txt"), "security.txt"),
                                    new SourceFile(docs.resolve("leave.txt"), "leave.txt")),
                            OPTIONS,
                            IngestionService.Listener.none());

            SyncSource first = prepare(verity, docs);
            assertThat(first.plan().actions())
                    .extracting(a -> a.kind() + " " + a.source())
                    .containsExactly("ADD expenses.txt", "UNCHANGED leave.txt", "ADD travel.txt");
            SyncReport report = run(verity, first);
            assertThat(report.counts()).containsEntry(Status.ADDED, 2).containsEntry(Status.UNCHANGED, 1);
            assertThat(sources(verity)).containsExactly("expenses.txt", "leave.txt", "security.txt", "travel.txt");
        }

        Files.writeString(docs.resolve("expenses.txt"), "Expenses are refunded within 30 days.");
        Files.delete(docs.resolve("travel.txt"));
        Files.createDirectories(docs.resolve("hr"));
        Files.move(docs.resolve("leave.txt"), docs.resolve("hr/leave.txt"));
        Files.writeString(docs.resolve("remote.txt"), "Remote work is allowed two days a week.");

        try (Verity verity = Verity.forWriting(config)) {
            SyncSource second = prepare(verity, docs);
            assertThat(second.plan().actions())
                    .extracting(a -> a.kind() + " " + a.source()
                            + a.renamedFrom().map(f -> " from " + f).orElse(""))
                    .containsExactly(
                            "CHANGE expenses.txt",
                            "ADD hr/leave.txt from leave.txt",
                            "ADD remote.txt",
                            "DELETE leave.txt",
                            "DELETE travel.txt");
            SyncReport report = run(verity, second);
            assertThat(report.counts())
                    .containsEntry(Status.ADDED, 2)
                    .containsEntry(Status.CHANGED, 1)
                    .containsEntry(Status.DELETED, 2)
                    .containsEntry(Status.UNCHANGED, 0)
                    .containsEntry(Status.REJECTED, 0);

            assertThat(sources(verity)).containsExactly("expenses.txt", "hr/leave.txt", "remote.txt", "security.txt");
            String expenses = DocumentIds.documentId(OPTIONS.collection(), "expenses.txt");
            assertThat(verity.components().index().chunks(expenses))
                    .isNotEmpty()
                    .allSatisfy(c -> {
                        assertThat(c.chunk().document().version()).isEqualTo(2);
                        assertThat(c.chunk().text()).contains("30 days");
                    });
            assertThat(verity.components().index().document(DocumentIds.documentId(OPTIONS.collection(), "travel.txt")))
                    .isEmpty();
            assertThat(verity.components().index().chunks(DocumentIds.documentId(OPTIONS.collection(), "leave.txt")))
                    .isEmpty();
        }

        Files.writeString(docs.resolve("empty.txt"), "");
        try (Verity verity = Verity.forWriting(config)) {
            SyncSource third = prepare(verity, docs);
            SyncReport report = run(verity, third);
            assertThat(report.counts())
                    .containsEntry(Status.UNCHANGED, 3)
                    .containsEntry(Status.REJECTED, 1)
                    .containsEntry(Status.ADDED, 0)
                    .containsEntry(Status.DELETED, 0);
            // a rejected file is recorded nowhere: deleting it later deletes nothing
            Files.delete(docs.resolve("empty.txt"));
            assertThat(prepare(verity, docs).plan().isEmpty()).isTrue();

            // the document ingested from elsewhere was never touched
            DocumentRecord security = verity.components()
                    .documents()
                    .find(OPTIONS.tenant(), DocumentIds.documentId(OPTIONS.collection(), "security.txt"))
                    .orElseThrow();
            assertThat(security.info().version()).isEqualTo(1);
        }
    }

    private SyncSource prepare(Verity verity, Path folder) throws Exception {
        return verity.sync()
                .prepare(folder.toString(), OPTIONS, WebSettings.defaults(), Files.createTempDirectory(root, "dl"));
    }

    private static SyncReport run(Verity verity, SyncSource source) {
        return verity.sync().run(source, OPTIONS, SyncRunner.Listener.none());
    }

    private static List<String> sources(Verity verity) {
        return verity.components().documents().list(OPTIONS.tenant(), OPTIONS.collection()).stream()
                .map(r -> r.info().source())
                .toList();
    }
}
