package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.Citation;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.IngestionService;
import dev.verity.ingestion.SourceFiles;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer-quality gate: the sample corpus is ingested as a user would (public corpus, restricted folder for
 * principal {@code hr}) and every golden question is asked. Writes {@code target/golden-report.md} with every case.
 *
 * <p>An answerable case is right when the answer is not an abstention, contains every {@code must_contain} string,
 * and cites one of the expected sources (on an expected page, when pages are given). An unanswerable case is right
 * when the answerer abstains. A leak is any {@code must_not_contain} string in the answer or its quotes.
 */
class GoldenSetIT {
    @TempDir
    static Path data;

    private static Verity verity;
    private static List<IngestResult> ingested;

    @BeforeAll
    static void ingestSamples() throws Exception {
        verity = Verity.forWriting(VerityConfig.from(data, Map.of()));
        IngestionService ingestion = verity.ingestion();
        ingested = new ArrayList<>(ingestion.ingest(SourceFiles.expand(List.of(GoldenSet.SAMPLES.resolve("corpus"))),
                IngestOptions.into(DocumentIds.DEFAULT_COLLECTION), IngestionService.Listener.none()));
        ingested.addAll(ingestion.ingest(SourceFiles.expand(List.of(GoldenSet.SAMPLES.resolve("restricted"))),
                IngestOptions.into(DocumentIds.DEFAULT_COLLECTION).withAcl(Set.of("hr")),
                IngestionService.Listener.none()));
    }

    @AfterAll
    static void close() {
        verity.close();
    }

    @Test
    void everySampleDocumentIsIndexed() {
        assertThat(ingested).allSatisfy(r -> assertThat(r.status()).as(r.source() + ": " + r.message())
                .isEqualTo(IngestStatus.INDEXED));
        assertThat(ingested).hasSize(16);
    }

    @Test
    void answersTheGoldenSetWithCitationsAbstainsWhenItShouldAndNeverLeaks() throws Exception {
        GoldenSet golden = GoldenSet.load();
        List<String> rows = new ArrayList<>();
        int answerable = 0;
        int rightWithCitation = 0;
        int unanswerable = 0;
        int abstainedCorrectly = 0;
        int wrongAbstentions = 0;
        int leaks = 0;
        for (GoldenSet.Case c : golden.cases()) {
            SearchFilter filter = SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)
                    .withPrincipals(Set.copyOf(c.principals()));
            QueryResult result = verity.query().ask(QueryRequest.of(c.question(), filter));
            var answer = result.answer();
            String text = GoldenSet.normalize(answer.text());
            boolean contains = c.mustContain().stream().allMatch(s -> text.contains(GoldenSet.normalize(s)));
            boolean cites = answer.citations().stream().anyMatch(cit -> c.expectedSources().contains(cit.source())
                    && (c.expectedPages().isEmpty() || c.expectedPages().contains(cit.page())));
            String everything = text + " " + GoldenSet.normalize(String.join(" ",
                    answer.citations().stream().map(Citation::quote).toList()));
            boolean leaked = c.mustNotContain().stream().anyMatch(s -> everything.contains(GoldenSet.normalize(s)));
            boolean right;
            if (c.answerable()) {
                answerable++;
                right = !answer.abstained() && contains && cites;
                rightWithCitation += right ? 1 : 0;
                wrongAbstentions += answer.abstained() ? 1 : 0;
            } else {
                unanswerable++;
                right = answer.abstained();
                abstainedCorrectly += right ? 1 : 0;
            }
            leaks += leaked ? 1 : 0;
            rows.add("| %s | %s | %s | %.3f | %s | %s | %s |".formatted(c.id(), c.answerable() ? "yes" : "no",
                    answer.abstained() ? "abstain" : "answer", answer.confidence(), right ? "ok" : "**WRONG**",
                    leaked ? "**LEAK**" : "", (c.question() + " → " + answer.text()).replace("|", "/").replace("\n", " ")));
        }
        double rightRate = (double) rightWithCitation / answerable;
        double abstainRecall = (double) abstainedCorrectly / unanswerable;
        List<String> report = new ArrayList<>(List.of(
                "# Golden set: " + golden.cases().size() + " questions",
                "",
                "- right with citation: %d/%d (%.3f)".formatted(rightWithCitation, answerable, rightRate),
                "- abstained on unanswerable: %d/%d (%.3f)".formatted(abstainedCorrectly, unanswerable, abstainRecall),
                "- abstained on answerable: %d".formatted(wrongAbstentions),
                "- leaks: %d".formatted(leaks),
                "",
                "| id | answerable | outcome | confidence | verdict | leak | question → answer |",
                "|---|---|---|---|---|---|---|"));
        report.addAll(rows);
        Files.writeString(Path.of("target", "golden-report.md"), String.join("\n", report) + "\n");

        assertThat(leaks).as("restricted values leaked; see target/golden-report.md").isZero();
        // calibrated 2026-11-23 (docs/adr/0004): 55/67 right with citation, 10/16 abstentions; the gates leave room
        // for float differences between CPUs, not for regressions
        assertThat(rightRate).as("right-with-citation rate; see target/golden-report.md").isGreaterThanOrEqualTo(0.78);
        assertThat(abstainRecall).as("abstention recall; see target/golden-report.md").isGreaterThanOrEqualTo(0.56);
    }
}
