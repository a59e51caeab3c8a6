package dev.verity.parsers.archive;

import static dev.verity.parsers.archive.Archives.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.ContainerReader.Container;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.containers.ExpansionBudget;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.isolation.IsolatedDocumentParser;
import dev.verity.parsers.isolation.IsolationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files embedded in a PDF are found by a parse in a parser process, and charged to the budget in this one. */
class EmbeddedFilesIsolationIT {
    private static IsolatedDocumentParser parser;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPool() {
        parser = new IsolatedDocumentParser(IsolationSettings.defaults(1).withTimeout(Duration.ofSeconds(60)));
    }

    @AfterAll
    static void stopPool() {
        parser.close();
    }

    private EmbeddedFilesReader isolated() {
        return new EmbeddedFilesReader(parser::extractEmbedded);
    }

    @Test
    void theParserProcessWritesTheAttachmentsOfAPdfWhereTheReaderAsked() throws Exception {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("minutes.txt", text("The board approved the Lisbon budget."));
        attachments.put("plan.txt", text("The offsite moves to Lisbon in May."));
        Path pdf = Archives.pdf(dir.resolve("report.pdf"), "Revenue grew twelve percent in Q3.", attachments);
        Path into = Files.createDirectories(dir.resolve("members"));
        ExpansionBudget budget = new ExpansionBudget(ContainerLimits.DEFAULTS, Files.size(pdf));

        Container container = isolated().read(pdf, "report.pdf", into, budget);

        assertThat(container.ownText()).isTrue();
        assertThat(container.mediaType()).isEqualTo("application/pdf");
        assertThat(container.members()).extracting(EmbeddedFile::path).containsExactly("minutes.txt", "plan.txt");
        for (EmbeddedFile member : container.members()) {
            assertThat(member.file()).startsWith(into.toAbsolutePath());
            assertThat(Files.readAllBytes(member.file())).isEqualTo(attachments.get(member.path()));
        }
        assertThat(budget.members()).isEqualTo(2);
        assertThat(budget.expandedBytes())
                .isEqualTo(
                        attachments.values().stream().mapToLong(b -> b.length).sum());
    }

    @Test
    void anAttachmentBombStopsTheParserProcessAtTheBudgetAndIsRefusedNamingTheRatioLimit() throws Exception {
        Path pdf = Archives.pdf(dir.resolve("bomb.pdf"), "Nothing to see.", Map.of("zeros.txt", new byte[64 << 20]));
        Path into = Files.createDirectories(dir.resolve("bomb"));

        DocumentRejectedException refused = catchThrowableOfType(
                DocumentRejectedException.class,
                () -> isolated()
                        .read(pdf, "bomb.pdf", into, new ExpansionBudget(ContainerLimits.DEFAULTS, Files.size(pdf))));

        assertThat(refused.rejection().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(refused.rejection().detail()).contains("compression-ratio limit 100:1");
        try (var left = Files.list(into)) {
            assertThat(left)
                    .as("the member over the limit is not left half written")
                    .isEmpty();
        }
    }
}
