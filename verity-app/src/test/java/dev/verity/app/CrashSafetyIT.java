package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.catalog.ConsistencyReport;
import dev.verity.document.DocumentIds;
import dev.verity.index.IndexedDocument;
import dev.verity.testkit.files.SampleFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills `verity ingest` with SIGKILL at random moments, over and over, while it ingests a folder; restarts it each
 * time; then checks that every file is indexed exactly once, that the catalogue and the index agree
 * ({@code verity check}), and that no job is left behind. {@code -Dverity.crash.kills=N} sets the number of kills
 * (default 6; {@code scripts/bench.sh crash} runs 50) and {@code -Dverity.crash.seed} the random seed. Writes
 * {@code target/crash-safety.json}.
 */
class CrashSafetyIT {
    private static final int FILES = 100;

    @TempDir
    Path root;

    @Test
    void everyFileIsIndexedExactlyOnceWhateverMomentTheProcessIsKilled() throws Exception {
        int kills = Integer.getInteger("verity.crash.kills", 6);
        long seed = Long.getLong("verity.crash.seed", 20261123L);
        Random random = new Random(seed);
        Path docs = Files.createDirectories(root.resolve("docs"));
        for (int i = 0; i < FILES; i++) {
            if (i % 3 == 0) {
                Files.writeString(
                        docs.resolve("note-%03d.md".formatted(i)),
                        "# Note " + i + "\n\nNote number " + i + " records the gate code " + (5000 + i) + ".\n");
            } else {
                SampleFiles.pdf(
                        docs.resolve("doc-%03d.pdf".formatted(i)),
                        "Doc " + i,
                        List.of(
                                "Document number " + i + " says the secret code is " + (1000 + i) + ".",
                                "A second page for document " + i + " with some more words in it."));
            }
        }
        Path data = root.resolve("data");
        long started = System.nanoTime();
        int finishedOnTheirOwn = 0;
        int acknowledged = 0;
        for (int k = 0; k < kills; k++) {
            Process child = new ProcessBuilder(
                            RestartIT.childJava(root, "ingest", "--data", data.toString(), "--json", docs.toString()))
                    .redirectError(root.resolve("child-" + k + ".err").toFile())
                    .start();
            child.getOutputStream().close();
            // a quarter of the kills land at a random moment of start-up, queueing or the first files; the others
            // after a random number of acknowledged files, at a random moment of the next ones
            boolean early = random.nextInt(4) == 0;
            long deadline =
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(early ? 200 + random.nextInt(4_000) : 120_000);
            int killAfter = 1 + random.nextInt(40);
            int seen = 0;
            boolean ended = false;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                while (System.nanoTime() < deadline && (early || seen < killAfter)) {
                    if (!out.ready()) {
                        if (!child.isAlive()) {
                            ended = out.readLine() == null;
                            break;
                        }
                        Thread.sleep(5);
                        continue;
                    }
                    if (out.readLine() == null) {
                        ended = true;
                        break;
                    }
                    seen++;
                }
                if (!ended) {
                    Thread.sleep(random.nextInt(300));
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no commit, no lease release
                }
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (ended || child.exitValue() == 0) {
                finishedOnTheirOwn++;
                assertThat(child.exitValue())
                        .as(Files.readString(root.resolve("child-" + k + ".err")))
                        .isZero();
            } else {
                acknowledged += seen;
            }
        }
        Cli.Result last = Cli.run("ingest", "--data", data.toString(), "--json", docs.toString());
        assertThat(last.exitCode()).as(last.err()).isZero();
        assertThat(last.jsonLines())
                .hasSize(FILES)
                .allSatisfy(line -> assertThat(line.get("status").asString()).isIn("indexed", "unchanged"));

        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            List<IndexedDocument> indexed = verity.components().index().documents();
            assertThat(indexed).as("one version of each file, none twice").hasSize(FILES);
            assertThat(indexed).extracting(IndexedDocument::documentId).doesNotHaveDuplicates();
            assertThat(verity.components().documents().list(DocumentIds.DEFAULT_TENANT, "default"))
                    .hasSize(FILES);
            ConsistencyReport report = ConsistencyReport.compare(
                    verity.components().documents().all(),
                    indexed,
                    verity.components().blobs().list(),
                    verity.components().jobs().referenced());
            assertThat(report.drifted()).as("%s", report).isFalse();
            assertThat(report.missingOriginals()).isEmpty();
            assertThat(verity.components().jobs().batches(1000))
                    .as("nothing left queued or running")
                    .allSatisfy(b -> assertThat(b.finished()).isTrue())
                    .allSatisfy(b -> assertThat(b.quarantined()).isZero());
            long batches = verity.components().jobs().batches(1000).size();
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/crash-safety.json"), """
                    {"files": %d, "kills": %d, "finished_on_their_own": %d, "acknowledged_before_kills": %d, "batches": %d, "seed": %d,
                     "documents": %d, "lost": 0, "duplicated": 0, "drift": false, "seconds": %.1f}
                    """.formatted(
                            FILES,
                            kills - finishedOnTheirOwn,
                            finishedOnTheirOwn,
                            acknowledged,
                            batches,
                            seed,
                            indexed.size(),
                            (System.nanoTime() - started) / 1e9));
        }
        Cli.Result check = Cli.run("check", "--data", data.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains(FILES + " documents in the catalogue").contains("consistent");
    }
}
