package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `verity ingest --no-wait`, `verity jobs` and `verity check [--repair]` through the command line. */
class JobsAndCheckIT {
    @TempDir
    Path root;

    @Test
    void aQueuedBatchIsListedWorkedAndShownFileByFile() throws Exception {
        Path data = root.resolve("data");
        Path docs = Files.createDirectories(root.resolve("docs"));
        SampleFiles.pdf(docs.resolve("a.pdf"), "A", List.of("The alpha depot has 3 doors."));
        Files.writeString(docs.resolve("empty.txt"), "");

        Cli.Result queued = Cli.run("ingest", "--data", data.toString(), "--no-wait", docs.toString());
        assertThat(queued.exitCode()).as(queued.err()).isZero();
        String batch = queued.out().replaceAll("(?s).*(b_[0-9a-f]+).*", "$1");
        assertThat(batch).startsWith("b_");

        Cli.Result listed = Cli.run("jobs", "--data", data.toString());
        assertThat(listed.out()).contains(batch).contains("1/2 done").contains("1 queued");

        Cli.Result worked = Cli.run("jobs", "--data", data.toString(), "--work", "--json", batch);
        assertThat(worked.exitCode()).as(worked.err()).isZero();
        JsonNode shown = worked.jsonLines().getLast();
        assertThat(shown.get("state").asString()).isEqualTo("finished");
        assertThat(shown.get("jobs"))
                .extracting(
                        j -> j.get("source").asString() + ":" + j.get("status").asString())
                .containsExactly("a.pdf:indexed", "empty.txt:rejected");
        assertThat(Cli.run("ask", "--data", data.toString(), "How many doors does the alpha depot have?")
                        .out())
                .contains("3 doors");
        assertThat(Cli.run("jobs", "--data", data.toString(), "--retry", batch).out())
                .contains("nothing to retry");
    }

    @Test
    void checkFindsDriftAndRepairsItFromTheStoredOriginals() throws Exception {
        Path data = root.resolve("data");
        Path docs = Files.createDirectories(root.resolve("docs"));
        SampleFiles.pdf(docs.resolve("a.pdf"), "A", List.of("The alpha depot has 3 doors."));
        SampleFiles.pdf(docs.resolve("b.pdf"), "B", List.of("The beta depot has 5 doors."));
        List<JsonNode> ingested = Cli.run("ingest", "--data", data.toString(), "--json", docs.toString())
                .jsonLines();
        // results are printed as files finish, in whichever order that is
        String a = idOf(ingested, "a.pdf");
        String b = idOf(ingested, "b.pdf");
        assertThat(Cli.run("check", "--data", data.toString()).exitCode()).isZero();

        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            verity.components().index().deleteDocument(a); // the index lost a document the catalogue lists
            verity.components().index().commit();
            verity.components().documents().delete(b); // the catalogue lost a document the index holds
        }
        Cli.Result drift = Cli.run("check", "--data", data.toString());
        assertThat(drift.exitCode()).isEqualTo(5);
        assertThat(drift.out())
                .contains("DRIFT")
                .contains("missing from the index: " + a)
                .contains("in the index only: " + b);

        Cli.Result repaired = Cli.run("check", "--data", data.toString(), "--repair");
        assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();
        assertThat(repaired.out())
                .contains("removed from the index: " + b)
                .contains("re-ingested from its original: indexed   a.pdf")
                .contains("1 documents in the catalogue")
                .endsWith("consistent\n");
        assertThat(Cli.run("ask", "--data", data.toString(), "How many doors does the alpha depot have?")
                        .out())
                .contains("3 doors");
    }

    private static String idOf(List<JsonNode> results, String source) {
        return results.stream()
                .filter(r -> r.get("source").asString().equals(source))
                .findFirst()
                .orElseThrow()
                .get("document_id")
                .asString();
    }
}
