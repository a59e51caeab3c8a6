package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.cli.ExitCodes;
import dev.verity.app.config.VerityConfig;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Re-ingesting, changing, deleting and restarting, through the command line. */
class DocumentLifecycleIT {
    @TempDir
    Path root;

    /** In input order ({@code --ordered}): the assertions read the results by position. */
    private Cli.Result ingest(Path data, Path... paths) {
        String[] args = new String[5 + paths.length];
        args[0] = "ingest";
        args[1] = "--data";
        args[2] = data.toString();
        args[3] = "--json";
        args[4] = "--ordered";
        for (int i = 0; i < paths.length; i++) {
            args[5 + i] = paths[i].toString();
        }
        return Cli.run(args);
    }

    private JsonNode ask(Path data, String question) {
        Cli.Result result = Cli.run("ask", "--data", data.toString(), "--json", question);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json();
    }

    @Test
    void unchangedFilesAreSkippedAndChangedOnesReplaceTheirChunks() throws Exception {
        Path data = root.resolve("data");
        Path docs = Files.createDirectories(root.resolve("docs"));
        SampleFiles.pdf(docs.resolve("policy.pdf"), "Policy", List.of("Refunds are granted within 14 days."));
        SampleFiles.pdf(docs.resolve("other.pdf"), "Other", List.of("The office opens at 8 in the morning."));

        assertThat(ingest(data, docs).jsonLines())
                .extracting(n -> n.get("status").asString())
                .containsExactly("indexed", "indexed");
        Cli.Result again = ingest(data, docs);
        assertThat(again.exitCode()).isZero();
        assertThat(again.jsonLines())
                .extracting(n -> n.get("status").asString())
                .containsExactly("unchanged", "unchanged");

        SampleFiles.pdf(docs.resolve("policy.pdf"), "Policy", List.of("Refunds are granted within 60 days."));
        List<JsonNode> changed = ingest(data, docs).jsonLines();
        assertThat(changed).extracting(n -> n.get("status").asString()).containsExactly("unchanged", "indexed");
        assertThat(changed.get(1).get("message").asString()).contains("version 2");

        JsonNode answer = ask(data, "Within how many days are refunds granted?");
        assertThat(answer.get("answer").asString()).contains("60 days").doesNotContain("14 days");
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, Map.of()))) {
            String id = changed.get(1).get("document_id").asString();
            assertThat(verity.components().index().chunks(id))
                    .allSatisfy(c -> assertThat(c.chunk().document().version()).isEqualTo(2));
        }
    }

    @Test
    void aFileThatTurnsBadKeepsItsLastGoodVersion() throws Exception {
        Path data = root.resolve("data");
        Path docs = Files.createDirectories(root.resolve("docs"));
        Path file =
                SampleFiles.pdf(docs.resolve("policy.pdf"), "Policy", List.of("Refunds are granted within 14 days."));
        ingest(data, docs);

        SampleFiles.truncated(SampleFiles.pdf(root.resolve("full.pdf"), "x", List.of("x")), file);
        Cli.Result broken = ingest(data, docs);

        assertThat(broken.exitCode()).isEqualTo(3);
        assertThat(broken.jsonLines().getFirst().get("reason").asString()).isEqualTo("corrupt");
        assertThat(ask(data, "Within how many days are refunds granted?")
                        .get("answer")
                        .asString())
                .contains("14 days");
    }

    @Test
    void deleteRemovesADocumentFromAnswersAndFromTheListing() throws Exception {
        Path data = root.resolve("data");
        Path docs = Files.createDirectories(root.resolve("docs"));
        SampleFiles.pdf(docs.resolve("policy.pdf"), "Policy", List.of("Refunds are granted within 14 days."));
        String id = ingest(data, docs).jsonLines().getFirst().get("document_id").asString();

        Cli.Result deleted = Cli.run("delete", "--data", data.toString(), "--collection", "default", id);
        Cli.Result missing = Cli.run("delete", "--data", data.toString(), "--collection", "default", id);

        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).contains("deleted " + id);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("has no document " + id);
        assertThat(Cli.run("docs", "--data", data.toString(), "--json").jsonLines())
                .isEmpty();
        assertThat(ask(data, "Within how many days are refunds granted?")
                        .get("abstained")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void collectionsAreSeparate() throws Exception {
        Path data = root.resolve("data");
        Path file =
                SampleFiles.pdf(root.resolve("policy.pdf"), "Policy", List.of("Refunds are granted within 14 days."));
        Cli.run("ingest", "--data", data.toString(), "--collection", "legal", file.toString());

        Cli.Result inDefault =
                Cli.run("ask", "--data", data.toString(), "--json", "Within how many days are refunds granted?");
        Cli.Result inLegal = Cli.run(
                "ask",
                "--data",
                data.toString(),
                "--collection",
                "legal",
                "--json",
                "Within how many days are refunds granted?");

        assertThat(inDefault.json().get("abstained").asBoolean()).isTrue();
        assertThat(inLegal.json().get("answer").asString()).contains("14 days");
    }

    @Test
    void rejectsFilesOverTheSizeLimitAndIndexesTheRest() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        SampleFiles.pdf(docs.resolve("small.pdf"), "Small", List.of("Short."));
        Files.write(docs.resolve("big.txt"), "word ".repeat(10_000).getBytes());

        Cli.Result result = Cli.run(
                "ingest",
                "--data",
                root.resolve("data").toString(),
                "--max-file-size",
                "20000",
                "--json",
                docs.toString());

        assertThat(result.jsonLines())
                .extracting(n -> n.get("source").asString() + ":"
                        + n.get("status").asString() + ":" + n.get("reason").asString(""))
                .containsExactly("big.txt:rejected:too_large", "small.pdf:indexed:");
        assertThat(result.jsonLines().getFirst().get("message").asString()).contains("--max-file-size");
    }
}
