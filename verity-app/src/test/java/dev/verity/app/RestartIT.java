package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.catalog.DocumentRecord;
import dev.verity.document.DocumentIds;
import dev.verity.index.IndexedDocument;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.query.QueryRequest;
import dev.verity.testkit.files.SampleFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder survives a clean restart and a kill -9 in the middle of an ingestion. */
class RestartIT {
    @TempDir
    Path root;

    @Test
    void answersTheSameAfterARestart() {
        Path data = root.resolve("data");
        SampleFiles.pdf(root.resolve("docs/policy.pdf"), "Policy", List.of("Refunds are granted within 14 days."));
        String before;
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            verity.ingestion()
                    .ingest(
                            SourceFiles.expand(List.of(root.resolve("docs"))),
                            IngestOptions.into("default"),
                            IngestionService.Listener.none());
            before = verity.query().ask(question()).answer().text();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AssertionError(e);
        }
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            assertThat(verity.query().ask(question()).answer().text())
                    .isEqualTo(before)
                    .contains("14 days");
            assertThat(verity.components().documents().list(DocumentIds.DEFAULT_TENANT, "default"))
                    .hasSize(1);
        }
    }

    private static QueryRequest question() {
        return QueryRequest.of("Within how many days are refunds granted?", SearchFilter.collection("default"));
    }

    /**
     * Starts `verity ingest` in a child JVM, kills it with SIGKILL once some results are reported, then checks that
     * the index opens, every file reported as indexed is there, the catalogue never lists what the index lacks, and a
     * re-run completes with every file indexed exactly once.
     */
    @Test
    void survivesAKillDashNineDuringIngestion() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        int files = 60;
        for (int i = 0; i < files; i++) {
            SampleFiles.pdf(
                    docs.resolve("doc-%02d.pdf".formatted(i)),
                    "Doc " + i,
                    List.of(
                            "Document number " + i + " says the secret code is " + (1000 + i) + ".",
                            "A second page for document " + i + " with some more words in it."));
        }
        Path data = root.resolve("data");
        Process child = new ProcessBuilder(
                        childJava(root, "ingest", "--data", data.toString(), "--json", docs.toString()))
                .redirectError(root.resolve("child.err").toFile())
                .start();
        child.getOutputStream().close();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("\"status\":\"indexed\"")) {
                    acknowledged.add(line.replaceAll(".*\"source\":\"([^\"]+)\".*", "$1"));
                }
                if (acknowledged.size() >= 4) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no index close
                    break;
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged)
                .as("exit %d: %s", child.exitValue(), Files.readString(root.resolve("child.err")))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(acknowledged.size()).as("killed before the end").isLessThan(files);

        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            List<DocumentRecord> listed = verity.components().documents().list(DocumentIds.DEFAULT_TENANT, "default");
            assertThat(listed).extracting(r -> r.info().source()).containsAll(acknowledged);
            for (DocumentRecord record : listed) {
                Optional<IndexedDocument> indexed = verity.components().index().document(record.id());
                assertThat(indexed).as(record.info().source()).isPresent();
                assertThat(indexed.get().version()).isEqualTo(record.info().version());
                assertThat(indexed.get().chunkCount()).isEqualTo(record.chunkCount());
            }
        }

        Cli.Result rerun = Cli.run("ingest", "--data", data.toString(), "--json", docs.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.jsonLines()).hasSize(files);
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            List<DocumentRecord> listed = verity.components().documents().list(DocumentIds.DEFAULT_TENANT, "default");
            assertThat(listed).hasSize(files);
            long chunks = listed.stream().mapToLong(DocumentRecord::chunkCount).sum();
            assertThat(verity.components().index().chunkCount())
                    .as("no duplicated chunks")
                    .isEqualTo(chunks);
            assertThat(verity.query()
                            .ask(QueryRequest.of(
                                    "What is the secret code of document number 37?",
                                    SearchFilter.collection("default")))
                            .answer()
                            .text())
                    .contains("1037");
        }
    }

    /**
     * A command line for a child JVM with this test's classpath, passed through a manifest-only jar: ONNX Runtime
     * 1.29 crashes (SIGSEGV) when {@code java.class.path} is very long, as a plain {@code -cp} list would make it.
     */
    static List<String> childJava(Path dir, String... args) throws java.io.IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        String.join(
                                " ",
                                Arrays.stream(System.getProperty("java.class.path")
                                                .split(java.io.File.pathSeparator))
                                        .map(entry -> Path.of(entry).toUri().toString())
                                        .toList()));
        Path jar = dir.resolve("classpath.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true",
                "-cp",
                jar.toString(),
                "dev.verity.app.Main"));
        command.addAll(List.of(args));
        return command;
    }
}
