package dev.verity.eval.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one case produced, as written to {@code report.json}. Nullable fields are absent parts of the run (no
 * answer asked, no judge), never failures.
 *
 * @param retrieval per retrieval mode code ({@code bm25}, {@code vector}, {@code hybrid})
 * @param answer the answer and its checks; null when answers were not evaluated
 * @param judge the judge's grades; null without a judge or for an abstention
 * @param metrics this case's values of every metric that applies to it, by flat name
 *     ({@code retrieval.hybrid.ndcg@10}, {@code answers.f1}, {@code judge.faithfulness}…): the report's aggregates,
 *     the gate and comparisons are computed from these
 * @param passed whether every assertion held; null when answers were not evaluated
 */
public record CaseReport(
        String id,
        String question,
        boolean answerable,
        List<String> tags,
        List<String> expectedSources,
        List<Integer> expectedPages,
        String referenceAnswer,
        Map<String, ModeReport> retrieval,
        AnswerReport answer,
        JudgeReport judge,
        Map<String, Double> metrics,
        Boolean passed) {

    public CaseReport {
        tags = List.copyOf(tags);
        expectedSources = List.copyOf(expectedSources);
        expectedPages = List.copyOf(expectedPages);
        retrieval = Reports.ordered(retrieval);
        Map<String, Double> rounded = new java.util.LinkedHashMap<>();
        (metrics == null ? Map.<String, Double>of() : metrics).forEach((k, v) -> rounded.put(k, Reports.round(v)));
        metrics = Reports.ordered(rounded);
    }

    /**
     * What one retrieval mode returned for the case.
     *
     * @param documents the first documents in rank order (a document ranks by its best chunk), with their grades
     * @param passages the first chunks, with (shortened) text; kept for the run's primary mode only
     * @param latencyMs wall time of the retrieval
     */
    public record ModeReport(List<RankedDocument> documents, List<PassageReport> passages, double latencyMs) {
        public ModeReport {
            documents = List.copyOf(documents);
            passages = List.copyOf(passages);
        }
    }

    /** A document at a rank; {@code grade} is its labelled relevance, 0 when unlabelled. */
    public record RankedDocument(int rank, String source, int grade) {}

    /** A retrieved chunk; {@code page} is 0 for formats without pages. */
    public record PassageReport(
            int rank,
            String chunkId,
            String source,
            int page,
            String section,
            double score,
            boolean relevant,
            String text) {}

    /**
     * The answer given.
     *
     * @param prompt {@code id@version}, null for extractive answers
     * @param leaks each {@code must_not_contain} string found and each source the caller may not see that reached the
     *     evidence
     */
    public record AnswerReport(
            String text,
            boolean abstained,
            double confidence,
            List<CitationReport> citations,
            double latencyMs,
            double costUsd,
            int inputTokens,
            int outputTokens,
            String generator,
            String model,
            String prompt,
            boolean degraded,
            String degradedReason,
            List<AssertionReport> assertions,
            List<String> leaks) {
        public AnswerReport {
            citations = List.copyOf(citations);
            assertions = List.copyOf(assertions);
            leaks = List.copyOf(leaks);
        }
    }

    /**
     * A citation with the full text of the passage it quotes.
     *
     * @param supporting whether the passage is labelled evidence: an expected source, on an expected page when pages
     *     are labelled
     */
    public record CitationReport(
            String source,
            int page,
            String section,
            String quote,
            String chunkId,
            double score,
            String passage,
            boolean supporting) {}

    /** One check of the answer: {@code must_answer}, {@code must_abstain}, {@code must_contain}, {@code must_cite},
     * {@code no_leak} or {@code valid_structure}. */
    public record AssertionReport(String name, boolean passed, String detail) {}

    /**
     * The judge's grades, or why it could not grade ({@code error}, scores then null).
     *
     * @param claims each claim of the answer and whether the cited passages support it
     */
    public record JudgeReport(
            String judge,
            Double faithfulness,
            Double relevance,
            Double correctness,
            List<ClaimReport> claims,
            double costUsd,
            String error) {
        public JudgeReport {
            claims = claims == null ? List.of() : List.copyOf(claims);
        }
    }

    public record ClaimReport(String text, boolean supported) {}
}
