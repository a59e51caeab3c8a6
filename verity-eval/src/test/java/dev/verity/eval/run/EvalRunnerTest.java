package dev.verity.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.eval.World;
import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.CaseReport.AssertionReport;
import dev.verity.eval.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvalRunnerTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void scoresEachModeOnDocumentsRankedByTheirBestChunk() {
        Report report = World.report(false, false);
        Map<String, Double> q1 = report.cases().getFirst().metrics();

        // bm25 ranks faq, handbook (p.2), handbook (p.1): documents faq, handbook; the relevant one is 2nd
        assertThat(q1.get("retrieval.bm25.ndcg@10")).isCloseTo(1 / LOG2_3, within(1e-6)); // 0.630930
        assertThat(q1.get("retrieval.bm25.mrr@10")).isEqualTo(0.5);
        assertThat(q1.get("retrieval.bm25.recall@1")).isZero();
        assertThat(q1.get("retrieval.bm25.recall@5")).isEqualTo(1.0);
        // context (first 10 chunks): faq p.1, handbook p.2, handbook p.1; page 2 labelled → 1 of 3 relevant
        assertThat(q1.get("retrieval.bm25.context_precision")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(q1.get("retrieval.bm25.context_recall")).isEqualTo(1.0);
        // hybrid puts handbook p.2 first: a perfect ranking; its chunks are 2 of 3 (only p.2 is labelled evidence)
        assertThat(q1.get("retrieval.hybrid.ndcg@10")).isEqualTo(1.0);
        assertThat(q1.get("retrieval.hybrid.context_precision")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(report.cases().getFirst().retrieval().get("bm25").documents())
                .extracting(CaseReport.RankedDocument::source, CaseReport.RankedDocument::grade)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("faq.txt", 0),
                        org.assertj.core.groups.Tuple.tuple("handbook.pdf", 1));
    }

    @Test
    void unanswerableCasesHaveNoRetrievalScores() {
        Map<String, Double> q2 = World.report(false, false).cases().get(1).metrics();
        assertThat(q2).doesNotContainKey("retrieval.bm25.ndcg@10").containsKey("retrieval.bm25.latency_ms");
    }

    @Test
    void aggregatesAreMeansOverTheCasesEachMetricAppliesTo() {
        Report report = World.report(false, false);
        // q1 and q3 are answerable: q1 right, q3 wrong → 0.5; bm25 nDCG@10 is 0.630930 for both
        assertThat(report.answers().get("right_with_citation").doubleValue()).isEqualTo(0.5);
        assertThat(report.retrieval().get("bm25").get("ndcg@10").doubleValue()).isCloseTo(1 / LOG2_3, within(1e-6));
        assertThat(report.retrieval().get("bm25").get("queries")).isEqualTo(2);
        // unanswerable q2 abstained, q4 answered: recall 1/2; the only abstention (q2) was right: precision 1
        assertThat(report.answers().get("abstain_recall").doubleValue()).isEqualTo(0.5);
        assertThat(report.answers().get("abstain_precision").doubleValue()).isEqualTo(1.0);
        // q1 matches its reference exactly (EM 1, F1 1); q3 "Parking is free for staff." shares no token with
        // "Meals cost EUR 65 a day." (EM 0, F1 0) → EM 0.5, F1 0.5
        assertThat(report.answers().get("exact_match").doubleValue()).isEqualTo(0.5);
        assertThat(report.answers().get("f1").doubleValue()).isEqualTo(0.5);
        // q1 cites handbook p.2 (supporting), q3 cites the faq (not): 1 and 0
        assertThat(report.answers().get("citation_precision").doubleValue()).isEqualTo(0.5);
        assertThat(report.answers().get("leaks")).isEqualTo(1L);
        assertThat(report.answers().get("answerable")).isEqualTo(2L);
        assertThat(report.answers()).containsKeys("latency_ms_p50", "latency_ms_p95", "cost_usd");
        assertThat(report.tags().get("pdf").cases()).isEqualTo(2);
        assertThat(report.tags().get("pdf").metrics().get("answers.right_with_citation"))
                .isEqualTo(0.5);
    }

    @Test
    void assertionsSayWhatFailedPerCase() {
        List<CaseReport> cases = World.report(false, false).cases();
        assertThat(cases.get(0).passed()).isTrue();
        assertThat(cases.get(1).passed()).isTrue();
        assertThat(failed(cases.get(2)))
                .containsExactly(
                        new AssertionReport("must_contain", false, "missing \"EUR 65\""),
                        new AssertionReport("must_cite", false, "cited faq.txt p.1"));
        assertThat(failed(cases.get(3)))
                .containsExactly(
                        new AssertionReport("must_abstain", false, "answered an unanswerable question"),
                        new AssertionReport("no_leak", false, "\"175000\" in the answer"));
        assertThat(cases.get(3).answer().leaks()).containsExactly("\"175000\" in the answer");
    }

    @Test
    void aChunkTheCallerMayNotSeeIsALeakWhicheverStepSawIt() {
        var retriever = World.retriever(true);
        var runner = new EvalRunner(retriever, Optional.of(World.answerer(retriever, false)), Optional.empty());
        List<CaseReport> cases = runner.run(World.dataset(), EvalSettings.defaults(), RunListener.none());
        assertThat(cases.getFirst().answer().leaks()).containsExactly("not visible to the caller: salaries.xlsx");
        assertThat(cases.getFirst().passed()).isFalse();
    }

    @Test
    void theJudgeGradesAnsweredCasesAndAFailureIsCountedNotFatal() {
        Report report = World.report(false, true);
        CaseReport q1 = report.cases().get(0);
        assertThat(q1.judge().faithfulness()).isEqualTo(0.9);
        assertThat(q1.judge().correctness()).isEqualTo(1.0);
        assertThat(q1.metrics()).containsEntry("judge.relevance", 0.8);
        assertThat(report.cases().get(1).judge())
                .as("an abstention is not judged")
                .isNull();
        assertThat(report.cases().get(2).judge().error()).isEqualTo("the judge model kept answering out of format");
        // judged: q1 and q4 (q3 failed); faithfulness (0.9 + 0.5) / 2, relevance (0.8 + 0.5) / 2, correctness q1 only
        assertThat(report.judge().judged()).isEqualTo(2);
        assertThat(report.judge().failures()).isEqualTo(1);
        assertThat(report.judge().faithfulness()).isCloseTo(0.7, within(1e-9));
        assertThat(report.judge().relevance()).isCloseTo(0.65, within(1e-9));
        assertThat(report.judge().correctness()).isEqualTo(1.0);
        assertThat(report.judge().costUsd()).isEqualTo(0.001);
    }

    @Test
    void withoutAnswerLabelsOnlyRetrievalIsScored() {
        var retriever = World.retriever(false);
        var beirLike = new dev.verity.eval.dataset.Dataset(
                "beir", dev.verity.eval.dataset.DatasetFormat.BEIR, Optional.of("test"), List.of(World.Q1), false);
        var runner = new EvalRunner(retriever, Optional.of(World.answerer(retriever, false)), Optional.empty());
        List<String> progress = new ArrayList<>();
        List<CaseReport> cases = runner.run(
                beirLike, EvalSettings.defaults(), (id, done, total) -> progress.add(id + " " + done + "/" + total));
        assertThat(cases.getFirst().answer()).isNull();
        assertThat(cases.getFirst().passed()).isNull();
        assertThat(cases.getFirst().metrics())
                .containsKey("retrieval.hybrid.ndcg@10")
                .doesNotContainKey("answers.right_with_citation");
        assertThat(progress).containsExactly("q1 1/1");
    }

    @Test
    void casesRunInParallelGiveTheSameReportInDatasetOrder() {
        var retriever = World.retriever(false);
        var runner = new EvalRunner(retriever, Optional.of(World.answerer(retriever, false)), Optional.empty());
        List<CaseReport> serial = runner.run(World.dataset(), EvalSettings.defaults(), RunListener.none());
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CaseReport> parallel = runner.run(
                World.dataset(),
                EvalSettings.defaults().withParallelism(3),
                (id, done, total) -> progress.add(done + "/" + total));

        assertThat(parallel).extracting(CaseReport::id).containsExactly("q1", "q2", "q3", "q4");
        assertThat(parallel)
                .extracting(CaseReport::passed)
                .isEqualTo(serial.stream().map(CaseReport::passed).toList());
        assertThat(progress).containsExactly("1/4", "2/4", "3/4", "4/4");
    }

    @Test
    void passagesAreKeptForThePrimaryModeOnly() {
        CaseReport q1 = World.report(false, false).cases().getFirst();
        assertThat(q1.retrieval().get("hybrid").passages()).hasSize(3);
        assertThat(q1.retrieval().get("bm25").passages()).isEmpty();
        assertThat(q1.retrieval().get("bm25").documents()).hasSize(2);
    }

    private static List<AssertionReport> failed(CaseReport c) {
        return c.answer().assertions().stream().filter(a -> !a.passed()).toList();
    }
}
