package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.generation.answer.Citation;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievedChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection that asks for redaction ({@code VERITY_GUARD_REDACT_PII=hr}) never stores, searches or quotes the
 * personal data of its documents; another collection keeps the same file as it was.
 */
class PiiRedactionIT {
    private static final String MEMO =
            "Payroll contacts. Salary questions go to ana.berg@example.com or +47 22 33 44 55."
                    + " Payslips are published on the 25th of each month.";

    @TempDir
    static Path root;

    private static Verity verity;

    @BeforeAll
    static void ingestTheSameMemoIntoTwoCollections() throws IOException {
        verity = Verity.forWriting(VerityConfig.from(root.resolve("data"), Map.of("VERITY_GUARD_REDACT_PII", "hr")));
        Path memo = Files.writeString(root.resolve("payroll.txt"), MEMO);
        for (String collection : List.of("hr", "public")) {
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(memo, "payroll.txt")),
                            IngestOptions.into(collection),
                            IngestionWorkers.Listener.none());
        }
    }

    @AfterAll
    static void close() {
        verity.close();
    }

    private static QueryResult ask(String collection) {
        return verity.query()
                .ask(new QueryRequest(
                        "Who do I contact about salary questions?",
                        SearchFilter.collection(collection),
                        5,
                        RetrievalMode.HYBRID));
    }

    @Test
    void theRedactedCollectionHoldsNoPersonalDataInChunksAnswersOrQuotes() {
        QueryResult result = ask("hr");

        assertThat(result.evidence()).isNotEmpty();
        for (RetrievedChunk chunk : result.evidence()) {
            assertThat(chunk.chunk().text())
                    .contains("[email]")
                    .doesNotContain("ana.berg")
                    .doesNotContain("22 33 44 55");
        }
        assertThat(result.answer().text()).doesNotContain("ana.berg").doesNotContain("22 33 44 55");
        assertThat(result.answer().citations())
                .extracting(Citation::quote)
                .noneMatch(q -> q.contains("ana.berg") || q.contains("22 33 44 55"));
        assertThat(result.answer().citations()).isNotEmpty();
    }

    @Test
    void aCollectionThatDoesNotAskKeepsTheTextAsWritten() {
        QueryResult result = ask("public");

        assertThat(result.evidence())
                .anySatisfy(c -> assertThat(c.chunk().text()).contains("ana.berg@example.com"));
    }
}
