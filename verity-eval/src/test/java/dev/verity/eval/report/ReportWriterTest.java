package dev.verity.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.eval.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void reportJsonHasTheDocumentedShapeAndReadsBackEqual() throws IOException {
        Report report = World.report(false, true);
        ReportWriter.write(report, dir);

        JsonNode json = Reports.JSON.readTree(Files.readString(dir.resolve("report.json")));
        for (String mode : new String[] {"bm25", "vector", "hybrid"}) {
            for (String metric : new String[] {"ndcg@10", "recall@10", "recall@100", "mrr@10"}) {
                assertThat(json.path("retrieval").path(mode).path(metric).isNumber())
                        .as(mode + " " + metric)
                        .isTrue();
            }
        }
        for (String metric :
                new String[] {"right_with_citation", "abstain_precision", "abstain_recall", "f1", "leaks"}) {
            assertThat(json.path("answers").path(metric).isNumber()).as(metric).isTrue();
        }
        assertThat(json.path("cases").size()).isEqualTo(4);
        assertThat(json.path("cases")
                        .get(0)
                        .path("answer")
                        .path("citations")
                        .get(0)
                        .path("passage")
                        .asString())
                .isEqualTo("Employees receive 25 days of paid leave. Meals cost EUR 65 a day.");
        assertThat(json.path("run").path("config_fingerprint").asString()).isEqualTo("0123456789abcdef");
        assertThat(json.path("judge").path("judge").asString()).isEqualTo("fake-judge@1");

        // read back, it writes the same JSON (numbers may come back as other Number types)
        assertThat(Reports.JSON.writeValueAsString(Reports.read(dir)))
                .isEqualTo(Reports.JSON.writeValueAsString(report));
    }

    @Test
    void theHtmlReportIsSelfContainedWithChartsAndTheWorstCasesPassages() throws IOException {
        ReportWriter.write(World.report(false, true), dir);
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("Per tag")
                .contains("Worst cases")
                .contains("Score distributions");
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("src=")
                .doesNotContain("@import");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
        // q3 failed two assertions: it is listed with its retrieved passages
        assertThat(html)
                .contains("q3")
                .contains("must_contain: missing &quot;EUR 65&quot;")
                .contains("Parking is free for staff.");
    }

    @Test
    void theMarkdownSummaryHasTheTablesAndTheFailedCases() throws IOException {
        ReportWriter.write(World.report(false, false), dir);
        String md = Files.readString(dir.resolve("report.md"));

        assertThat(md)
                .contains("| mode | nDCG@10 |")
                .contains("| bm25 | 0.631 |")
                .contains("| hybrid | 1.000 |")
                .contains("| right with citation | 0.500 (of 2 answerable) |")
                .contains("| leaks | 1 |")
                .contains("## Failed cases (2)")
                .contains("| q3 | must_contain: missing \"EUR 65\"");
    }
}
