package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.Citation;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A document ingested with an ACL never reaches a caller without one of its principals: not in answers, not in
 * citations, not among the retrieved evidence or its scores, in any retrieval mode.
 */
class AccessControlIT {
    private static final String SECRET = "187,500";

    @TempDir
    static Path root;

    private static Verity verity;

    @BeforeAll
    static void ingestPublicAndRestrictedDocuments() {
        verity = Verity.forWriting(VerityConfig.from(root.resolve("data"), Map.of()));
        Path salaries = SampleFiles.pdf(
                root.resolve("salaries.pdf"),
                "Salary bands",
                List.of("The salary band for a principal engineer tops out at $" + SECRET + " per year."));
        Path policy = SampleFiles.pdf(
                root.resolve("policy.pdf"),
                "Pay policy",
                List.of("Salary bands are reviewed every March by the compensation committee."));
        IngestionJobs ingestion = verity.ingestion();
        ingestion.ingest(
                List.of(new SourceFile(salaries, "salaries.pdf")),
                IngestOptions.into("default").withAcl(Set.of("hr", "finance")),
                IngestionWorkers.Listener.none());
        ingestion.ingest(
                List.of(new SourceFile(policy, "policy.pdf")),
                IngestOptions.into("default"),
                IngestionWorkers.Listener.none());
    }

    @AfterAll
    static void close() {
        verity.close();
    }

    private static QueryResult ask(Set<String> principals, RetrievalMode mode) {
        SearchFilter filter =
                SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION).withPrincipals(principals);
        return verity.query()
                .ask(new QueryRequest("What is the salary band for a principal engineer?", filter, 20, mode));
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void callersWithoutAPrincipalNeverSeeTheRestrictedDocument(RetrievalMode mode) {
        for (Set<String> caller : List.of(Set.<String>of(), Set.of("engineering"), Set.of("HR"))) {
            QueryResult result = ask(caller, mode);

            assertThat(result.evidence())
                    .extracting(r -> r.chunk().document().source())
                    .as("evidence for %s in %s mode", caller, mode)
                    .doesNotContain("salaries.pdf");
            assertThat(result.answer().text()).doesNotContain(SECRET);
            assertThat(result.answer().citations()).extracting(Citation::source).doesNotContain("salaries.pdf");
            assertThat(result.answer().citations())
                    .extracting(Citation::quote)
                    .noneMatch(quote -> quote.contains(SECRET));
        }
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void callersHoldingAnyOfThePrincipalsDoSeeIt(RetrievalMode mode) {
        for (Set<String> caller : List.of(Set.of("hr"), Set.of("engineering", "finance"))) {
            QueryResult result = ask(caller, mode);

            assertThat(result.evidence())
                    .extracting((RetrievedChunk r) -> r.chunk().document().source())
                    .contains("salaries.pdf");
        }
        assertThat(ask(Set.of("hr"), mode).answer().text()).contains(SECRET);
    }

    @Test
    void theCommandLineHonoursAsPrincipals() {
        Path data = root.resolve("data");
        verity.close();
        try {
            Cli.Result anonymous = Cli.run(
                    "ask", "--data", data.toString(), "--json", "What is the salary band for a principal engineer?");
            Cli.Result hr = Cli.run(
                    "ask",
                    "--data",
                    data.toString(),
                    "--as",
                    "hr",
                    "--json",
                    "What is the salary band for a principal engineer?");

            assertThat(anonymous.out()).doesNotContain(SECRET).doesNotContain("salaries.pdf");
            assertThat(hr.out()).contains(SECRET).contains("salaries.pdf");
        } finally {
            verity = Verity.forWriting(VerityConfig.from(data, Map.of()));
        }
    }
}
