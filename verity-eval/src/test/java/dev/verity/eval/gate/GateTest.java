package dev.verity.eval.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.eval.World;
import dev.verity.eval.report.Report;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
    @TempDir
    Path dir;

    @Test
    void aRunPassesItsOwnBaseline() {
        Report report = World.report(false, false);
        GateResult result = Gate.check(report, Baseline.of(report), 0.02);
        assertThat(result.passed()).isTrue();
        assertThat(result.describe()).startsWith("gate passed");
    }

    @Test
    void aRegressionFailsNamingTheMetricAndTheCasesThatFlipped() {
        Baseline baseline = Baseline.of(World.report(false, false));
        Report regressed = World.report(true, false); // q1 now abstains

        GateResult result = Gate.check(regressed, baseline, 0.02);

        assertThat(result.passed()).isFalse();
        assertThat(result.failures())
                .extracting(GateResult.Failure::metric)
                .contains("answers.right_with_citation", "answers.f1", "answers.abstain_precision");
        GateResult.Failure right = result.failures().stream()
                .filter(f -> f.metric().equals("answers.right_with_citation"))
                .findFirst()
                .orElseThrow();
        assertThat(right.baseline()).isEqualTo(0.5);
        assertThat(right.current()).isEqualTo(0.0);
        assertThat(right.worse()).containsExactly(new GateResult.CaseChange("q1", 1, 0));
        assertThat(result.flipped()).containsExactly("q1");
        assertThat(result.describe())
                .contains("gate FAILED")
                .contains("answers.right_with_citation: 0.500 → 0.000 (-0.500); flipped pass→fail: q1")
                .contains("cases that flipped pass→fail: q1");
    }

    @Test
    void dropsWithinTheToleranceAreAccepted() {
        Report report = World.report(false, false);
        Baseline baseline = Baseline.of(report);
        Map<String, Double> higher = new LinkedHashMap<>(baseline.metrics());
        higher.put("retrieval.hybrid.ndcg@10", 1.0 + 0.019); // a baseline 0.019 above reality: inside 0.02
        Baseline near = new Baseline(
                baseline.dataset(), baseline.configFingerprint(), baseline.createdAt(), higher, baseline.cases());
        assertThat(Gate.check(report, near, 0.02).passed()).isTrue();
        assertThat(Gate.check(report, near, 0.01).passed()).isFalse();
    }

    @Test
    void anyNewLeakFailsWhateverTheTolerance() {
        Report report = World.report(false, false);
        Baseline baseline = Baseline.of(report);
        Map<String, Double> noLeaks = new LinkedHashMap<>(baseline.metrics());
        noLeaks.put("answers.leaks", 0.0);
        Map<String, Map<String, Double>> cases = new LinkedHashMap<>(baseline.cases());
        Map<String, Double> q4 = new LinkedHashMap<>(cases.get("q4"));
        q4.put("answers.leaks", 0.0);
        cases.put("q4", q4);
        GateResult result = Gate.check(report, new Baseline(baseline.dataset(), "", "", noLeaks, cases), 0.5);
        assertThat(result.passed()).isFalse();
        assertThat(result.describe()).contains("answers.leaks: 0.000 → 1.000 (+1.000); worse: q4 (0.000 → 1.000)");
    }

    @Test
    void aMetricTheRunNoLongerMeasuresFails() {
        Report report = World.report(false, false);
        Map<String, Double> metrics = new LinkedHashMap<>(Baseline.of(report).metrics());
        metrics.put("retrieval.splade.ndcg@10", 0.5);
        GateResult result = Gate.check(report, new Baseline("world.jsonl", "", "", metrics, Map.of()), 0.02);
        assertThat(result.describe()).contains("retrieval.splade.ndcg@10: missing from this run (baseline 0.500)");
    }

    @Test
    void theBaselineRoundTripsThroughItsFile() {
        Baseline baseline = Baseline.of(World.report(false, false));
        Path file = dir.resolve("sub/baseline.json");
        baseline.write(file);
        assertThat(Baseline.read(file)).isEqualTo(baseline);
        assertThat(baseline.metrics())
                .containsKeys(
                        "retrieval.bm25.ndcg@10",
                        "retrieval.hybrid.recall@100",
                        "answers.right_with_citation",
                        "answers.leaks")
                .doesNotContainKey("answers.latency_ms_p50");
        assertThat(baseline.cases().get("q1"))
                .containsEntry("passed", 1.0)
                .containsEntry("answers.right_with_citation", 1.0);
    }
}
