package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.cli.ExitCodes;
import dev.verity.eval.gate.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The quality gate of the build: {@code verity eval} on the shipped golden set, run in process as a user would run
 * it (the sample corpus ingested, the restricted folder for principal {@code hr}), gated against the committed
 * baseline {@code samples/eval-baseline.json}. Reports land in {@code target/eval-golden}.
 *
 * <p>To accept a deliberate change of scores, write a new baseline and commit it with the change:
 * {@code ./verity eval --dataset samples/golden.jsonl --corpus samples/corpus --restricted samples/restricted=hr
 * --baseline samples/eval-baseline.json --update-baseline}.
 */
class GoldenSetEvalIT {
    static final Path BASELINE = Samples.DIR.resolve("eval-baseline.json");

    @TempDir
    static Path data;

    private static Cli.Result run;
    private static JsonNode summary;

    @BeforeAll
    static void evaluateTheGoldenSet() {
        run = Cli.run(
                "eval",
                "--dataset",
                Samples.DIR.resolve("golden.jsonl").toString(),
                "--corpus",
                Samples.DIR.resolve("corpus").toString(),
                "--restricted",
                Samples.DIR.resolve("restricted") + "=hr",
                "--data",
                data.toString(),
                "--baseline",
                BASELINE.toString(),
                "--out",
                Path.of("target", "eval-golden").toString(),
                "--parallel",
                "2",
                "--json");
        summary = run.json();
    }

    @Test
    void theGoldenSetPassesTheCommittedBaseline() {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(summary.path("gate").path("failures").size()).as(run.out()).isZero();
        assertThat(Files.exists(Path.of("target", "eval-golden", "report.html")))
                .isTrue();
    }

    @Test
    void everySampleDocumentIsIndexed() {
        JsonNode ingest = summary.path("run").path("ingest");
        assertThat(ingest.path("documents").asInt()).isEqualTo(16);
        assertThat(ingest.path("rejected").asInt()).isZero();
    }

    @Test
    void answersTheGoldenSetWithCitationsAbstainsWhenItShouldAndNeverLeaks() {
        JsonNode answers = summary.path("answers");
        assertThat(answers.path("cases").asInt()).isEqualTo(83);
        assertThat(answers.path("leaks").asInt())
                .as("restricted values leaked; see target/eval-golden")
                .isZero();
        // calibrated 2026-11-23 (docs/adr/0004): 55/67 right with citation, 10/16 abstentions; these floors stay as
        // they were before the harness, the baseline gate above is the stricter one
        assertThat(answers.path("right_with_citation").asDouble()).isGreaterThanOrEqualTo(0.78);
        assertThat(answers.path("abstain_recall").asDouble()).isGreaterThanOrEqualTo(0.56);
        for (String mode : new String[] {"bm25", "vector", "hybrid"}) {
            assertThat(summary.path("retrieval").path(mode).path("ndcg@10").asDouble())
                    .as(mode)
                    .isGreaterThanOrEqualTo(0.85);
        }
    }

    @Test
    void aSampleOfAnswersGoesOutForReviewAndItsGradesComeBack(@TempDir Path dir) throws IOException {
        Path sheet = dir.resolve("review.csv");
        Cli.Result sampled = Cli.run(
                "eval",
                "sample",
                "--run",
                Path.of("target", "eval-golden").toString(),
                "--n",
                "5",
                "--seed",
                "3",
                "--out",
                sheet.toString());
        assertThat(sampled.exitCode()).as(sampled.err()).isZero();
        assertThat(sampled.out()).startsWith("5 answers written to " + sheet);
        List<String> lines = Files.readAllLines(sheet);
        assertThat(lines.getFirst()).endsWith("human_faithfulness,human_relevance,human_correctness,human_notes");

        Cli.Result grades = Cli.run("eval", "grades", sheet.toString(), "--json");
        assertThat(grades.exitCode()).as(grades.err()).isZero();
        assertThat(grades.json().path("rows").asInt()).isEqualTo(5);
        assertThat(grades.json().path("graded").asInt()).isZero(); // nobody graded yet
    }

    @Test
    void twoModesOfTheRunCompareWithBootstrapIntervals() {
        Cli.Result compared = Cli.run(
                "eval",
                "compare",
                Path.of("target", "eval-golden").toString(),
                "--modes",
                "bm25,vector",
                "--resamples",
                "2000");
        assertThat(compared.exitCode()).as(compared.err()).isZero();
        assertThat(compared.out())
                .contains("| metric | pairs | A | B | B − A | 95% CI | better | worse |")
                .containsPattern(
                        "\\| retrieval\\.bm25→vector\\.ndcg@10 \\| 67 \\| 0\\.9[0-9]{3} \\| 0\\.9[0-9]{3} \\|");
    }

    @Test
    void theGateFailsWhenRetrievalLosesTheDocumentsNamingMetricsAndFlippedCases() {
        // a deliberately broken setup: the collection asked holds nothing, as if the index had lost its documents
        Cli.Result broken = Cli.run(
                "eval",
                "--dataset",
                Samples.DIR.resolve("golden.jsonl").toString(),
                "--data",
                data.toString(),
                "--collection",
                "emptied",
                "--baseline",
                BASELINE.toString(),
                "--out",
                Path.of("target", "eval-golden-broken").toString());

        Baseline committed = Baseline.read(BASELINE);
        List<String> right = committed.cases().entrySet().stream()
                .filter(e -> e.getValue().getOrDefault("answers.right_with_citation", 0.0) == 1.0)
                .map(Map.Entry::getKey)
                .limit(2)
                .toList();
        String passed = committed.cases().entrySet().stream()
                .filter(e -> e.getValue().getOrDefault(Baseline.PASSED, 0.0) == 1.0)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        assertThat(broken.exitCode()).as(broken.err()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(broken.out())
                .contains("gate FAILED")
                .contains("retrieval.hybrid.ndcg@10: ")
                .containsPattern("answers\\.right_with_citation: [0-9.]+ → 0\\.000 \\(-[0-9.]+\\); flipped pass→fail: "
                        + right.get(0) + ", " + right.get(1))
                .contains("cases that flipped pass→fail: " + passed);
    }

    @Test
    void theGateFailsOnABaselineAboveRealityNamingTheCasesThatGotWorse(@TempDir Path dir) throws IOException {
        // a seeded regression: bm25's accepted nDCG@10 raised 0.05 above what this run measures, and q004's own
        // value to a perfect 1.0 (it really ranks its document lower)
        Baseline committed = Baseline.read(BASELINE);
        String ndcg = "retrieval.bm25.ndcg@10";
        Map<String, Double> metrics = Map.of(ndcg, committed.metrics().get(ndcg) + 0.05);
        Map<String, Map<String, Double>> cases = new LinkedHashMap<>();
        committed.cases().forEach((id, values) -> {
            if (values.containsKey(ndcg)) {
                cases.put(id, Map.of(ndcg, values.get(ndcg)));
            }
        });
        String worse = cases.entrySet().stream()
                .filter(e -> e.getValue().get(ndcg) < 1)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        cases.put(worse, Map.of(ndcg, 1.0));
        Path seeded = dir.resolve("seeded-baseline.json");
        new Baseline(committed.dataset(), "", "", metrics, cases).write(seeded);

        Cli.Result result = Cli.run(
                "eval",
                "--dataset",
                Samples.DIR.resolve("golden.jsonl").toString(),
                "--data",
                data.toString(),
                "--modes",
                "bm25",
                "--no-answers",
                "--baseline",
                seeded.toString(),
                "--out",
                dir.resolve("out").toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.out())
                .contains("gate FAILED: 1 metric dropped by more than the tolerance 0.020")
                .containsPattern("retrieval\\.bm25\\.ndcg@10: [0-9.]+ → [0-9.]+ \\(-[0-9.]+\\); worse: " + worse
                        + " \\(1\\.000 → 0\\.[0-9]+\\)");
    }
}
