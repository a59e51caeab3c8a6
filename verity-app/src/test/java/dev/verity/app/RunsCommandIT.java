package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunViewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verity runs list|show|export|purge} and {@code verity eval sample --from-runs} on a data folder whose runs were
 * recorded by a writing process (as {@code verity serve} records them): two questions of Ana's, one rated down.
 */
class RunsCommandIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    private static String data;
    private static String ratedDown;
    private static String unrated;

    @BeforeAll
    static void recordTwoRuns() {
        Path folder = root.resolve("data");
        data = folder.toString();
        RunViewer ana = RunViewer.caller("default", "key:ana", Set.of());
        try (Verity verity = Verity.forWriting(VerityConfig.from(folder, Map.of()))) {
            SearchFilter handbook = SearchFilter.collection("handbook");
            ratedDown = verity.query()
                    .ask(QueryRequest.of("Whom does ana.berg@example.com report to?", handbook)
                            .withActor("key:ana"))
                    .traceId();
            unrated = verity.query()
                    .ask(QueryRequest.of("How many leave days?", handbook).withActor("key:ana"))
                    .traceId();
            verity.runs().feedback(ana, ratedDown, Feedback.Rating.DOWN, Optional.of("no answer at all"));
        }
    }

    @Test
    void listsTheKeptRunsNewestFirstAndByRating() {
        Cli.Result all = Cli.run("runs", "list", "--data", data);
        Cli.Result down = Cli.run("runs", "list", "--data", data, "--rating", "down", "--json");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains(ratedDown, unrated, "Whom does [email] report to?");
        assertThat(all.out().indexOf(unrated)).isLessThan(all.out().indexOf(ratedDown));
        assertThat(down.jsonLines()).singleElement().satisfies(run -> {
            assertThat(run.get("trace_id").asString()).isEqualTo(ratedDown);
            assertThat(run.get("rating").asString()).isEqualTo("down");
            assertThat(run.get("outcome").asString()).isEqualTo("abstained");
        });
    }

    @Test
    void showsOneRunForAPersonAndAsJson() {
        Cli.Result shown = Cli.run("runs", "show", ratedDown, "--data", data);
        Cli.Result json = Cli.run("runs", "show", ratedDown, "--data", data, "--json");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("question   Whom does [email] report to?")
                .contains("outcome    abstained")
                .contains("by key:ana")
                .contains("timings    ")
                .contains("feedback   down by key:ana")
                .contains("\"no answer at all\"");
        assertThat(json.json().get("feedback").get("comment").asString()).isEqualTo("no answer at all");
        assertThat(json.out()).doesNotContain("ana.berg@example.com");
    }

    @Test
    void anUnknownRunIsNotFoundWithWhatToDo() {
        Cli.Result missing = Cli.run("runs", "show", "ffffffffffffffffffffffffffffffff", "--data", data);

        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(missing.err()).contains("no run ffffffffffffffffffffffffffffffff", "see `verity runs list`");
    }

    @Test
    void exportsTheThumbsDownRunsAsJsonLines() throws Exception {
        Path out = root.resolve("down.jsonl");

        Cli.Result exported = Cli.run("runs", "export", "--data", data, "--out", out.toString(), "--rating", "down");

        assertThat(exported.exitCode()).as(exported.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(JSON.readTree(line).get("trace_id").asString()).isEqualTo(ratedDown);
            assertThat(JSON.readTree(line).get("question").asString()).isEqualTo("Whom does [email] report to?");
        });
    }

    @Test
    void samplesProductionRunsForReviewInTheShapeGradesReads() throws Exception {
        Path review = root.resolve("review.jsonl");

        Cli.Result sampled = Cli.run(
                "eval",
                "sample",
                "--from-runs",
                "--data",
                data,
                "--rating",
                "down",
                "-n",
                "5",
                "--out",
                review.toString());

        assertThat(sampled.exitCode()).as(sampled.err()).isZero();
        assertThat(Files.readAllLines(review)).singleElement().satisfies(line -> {
            var row = JSON.readTree(line);
            assertThat(row.get("id").asString()).isEqualTo(ratedDown);
            assertThat(row.get("question").asString()).isEqualTo("Whom does [email] report to?");
            assertThat(row.has("human_correctness")).isTrue();
        });
    }

    @Test
    void purgeKeepsRunsYoungerThanTheRetention() {
        Cli.Result purged = Cli.run("runs", "purge", "--data", data);

        assertThat(purged.exitCode()).as(purged.err()).isZero();
        assertThat(purged.out()).startsWith("purged 0 run(s) recorded before ");
        assertThat(Cli.run("runs", "list", "--data", data).out()).contains(ratedDown);
    }
}
