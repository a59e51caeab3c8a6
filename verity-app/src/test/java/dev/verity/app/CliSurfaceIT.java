package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The command line as a new user meets it: --json everywhere, the default collection, one code per outcome. */
class CliSurfaceIT {
    @TempDir
    Path root;

    @Test
    void deleteTakesTheDefaultCollectionAndPrintsJson() throws Exception {
        Path data = root.resolve("data");
        Path pdf = SampleFiles.pdf(root.resolve("a.pdf"), "A", List.of("The alpha depot has 3 doors."));
        String id = Cli.run("ingest", "--data", data.toString(), "--json", pdf.toString())
                .jsonLines()
                .getFirst()
                .get("document_id")
                .asString();

        Cli.Result deleted = Cli.run("delete", "--data", data.toString(), "--json", id);

        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.json().get("document_id").asString()).isEqualTo(id);
        assertThat(deleted.json().get("collection").asString()).isEqualTo("default");
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(Cli.run("docs", "--data", data.toString()).out()).contains("0 documents in collection default");
    }

    @Test
    void restrictedDocumentsAreListedAndDeletedOnlyAsACallerHoldingAPrincipal() throws Exception {
        Path data = root.resolve("data");
        Path memo = SampleFiles.pdf(root.resolve("memo.pdf"), "Memo", List.of("The board met at 9 pm."));
        Path notes = SampleFiles.pdf(root.resolve("notes.pdf"), "Notes", List.of("The canteen opens at 8 am."));
        String id = Cli.run("ingest", "--data", data.toString(), "--json", "--acl", "group:board", memo.toString())
                .jsonLines()
                .getFirst()
                .get("document_id")
                .asString();
        Cli.run("ingest", "--data", data.toString(), "--collection", "staff", notes.toString());

        assertThat(Cli.run("docs", "--data", data.toString()).out())
                .doesNotContain(id)
                .contains("0 documents in collection default");
        assertThat(Cli.run("collections", "--data", data.toString(), "--json").jsonLines())
                .extracting(
                        c -> c.get("name").asString() + ":" + c.get("documents").asInt())
                .containsExactly("staff:1");
        assertThat(Cli.run("collections", "--data", data.toString(), "--as", "group:board", "--json")
                        .jsonLines())
                .extracting(
                        c -> c.get("name").asString() + ":" + c.get("documents").asInt())
                .containsExactly("default:1", "staff:1");
        assertThat(Cli.run("delete", "--data", data.toString(), id).exitCode())
                .as("a hidden document is not found")
                .isEqualTo(6);
        assertThat(Cli.run("docs", "--data", data.toString(), "--as", " group:board")
                        .out())
                .contains(id);
        assertThat(Cli.run("delete", "--data", data.toString(), "--as", "group:board", id)
                        .exitCode())
                .isZero();
    }

    @Test
    void anUnknownDocumentJobOrBatchExitsSix() throws Exception {
        Path data = root.resolve("data");
        Path pdf = SampleFiles.pdf(root.resolve("a.pdf"), "A", List.of("The alpha depot has 3 doors."));
        assertThat(Cli.run("ingest", "--data", data.toString(), pdf.toString()).exitCode())
                .isZero();

        Cli.Result document = Cli.run("delete", "--data", data.toString(), "d_missing");
        Cli.Result job = Cli.run("jobs", "--data", data.toString(), "j_missing");
        Cli.Result batch = Cli.run("jobs", "--data", data.toString(), "b_missing");

        assertThat(document.exitCode()).isEqualTo(6);
        assertThat(document.err())
                .isEqualTo("error: collection default has no document d_missing (see `verity docs"
                        + " --collection default`)\n");
        assertThat(job.exitCode()).isEqualTo(6);
        assertThat(job.err()).isEqualTo("error: no ingestion job j_missing (see `verity jobs` for recent batches)\n");
        assertThat(batch.exitCode()).isEqualTo(6);
        assertThat(batch.err()).isEqualTo("error: no ingestion batch b_missing (see `verity jobs` for recent ones)\n");
    }

    @Test
    void inspectPrintsTheDocumentAsJson() throws Exception {
        Path md = Files.writeString(root.resolve("notes.md"), "# Depots\n\nThe alpha depot has 3 doors.\n");

        Cli.Result inspect = Cli.run("inspect", "--json", md.toString());

        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        JsonNode doc = inspect.json();
        assertThat(doc.get("source").asString()).isEqualTo("notes.md");
        assertThat(doc.get("status").asString()).isEqualTo("read");
        assertThat(doc.get("blocks"))
                .extracting(b -> b.get("type").asString() + ":" + b.get("text").asString())
                .containsExactly("heading:Depots", "paragraph:The alpha depot has 3 doors.");
        assertThat(doc.get("quality").get("chars").asLong()).isPositive();
        assertThat(doc.get("chunks").isNull()).isTrue();
    }
}
