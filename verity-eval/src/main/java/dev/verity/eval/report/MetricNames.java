package dev.verity.eval.report;

import java.util.List;

/**
 * The flat metric names used in each case's {@code metrics}, in baselines and in comparisons:
 * {@code retrieval.<mode>.<metric>}, {@code answers.<metric>}, {@code judge.<metric>}.
 */
public final class MetricNames {
    public static final String NDCG_10 = "ndcg@10";
    public static final String MRR_10 = "mrr@10";
    public static final String CONTEXT_PRECISION = "context_precision";
    public static final String CONTEXT_RECALL = "context_recall";
    public static final String LATENCY_MS = "latency_ms";
    /** The recall cutoffs reported. */
    public static final List<Integer> RECALL_CUTOFFS = List.of(1, 5, 10, 20, 100);

    /** Per mode, in report order. */
    public static final List<String> RETRIEVAL = List.of(
            NDCG_10,
            "recall@1",
            "recall@5",
            "recall@10",
            "recall@20",
            "recall@100",
            MRR_10,
            CONTEXT_PRECISION,
            CONTEXT_RECALL);

    public static final String RIGHT_WITH_CITATION = "right_with_citation";
    public static final String EXACT_MATCH = "exact_match";
    public static final String F1 = "f1";
    public static final String CITATION_PRECISION = "citation_precision";
    public static final String ABSTAIN_PRECISION = "abstain_precision";
    public static final String ABSTAIN_RECALL = "abstain_recall";
    public static final String LEAKS = "leaks";
    public static final String ASSERTIONS_PASSED = "assertions_passed";
    public static final String COST_USD = "cost_usd";
    public static final String INPUT_TOKENS = "input_tokens";
    public static final String OUTPUT_TOKENS = "output_tokens";

    /** Answer metrics averaged over the cases they apply to, in report order. */
    public static final List<String> ANSWER_RATES = List.of(
            RIGHT_WITH_CITATION,
            EXACT_MATCH,
            F1,
            CITATION_PRECISION,
            ABSTAIN_PRECISION,
            ABSTAIN_RECALL,
            ASSERTIONS_PASSED);

    public static final String FAITHFULNESS = "faithfulness";
    public static final String RELEVANCE = "relevance";
    public static final String CORRECTNESS = "correctness";
    public static final List<String> JUDGE = List.of(FAITHFULNESS, RELEVANCE, CORRECTNESS);

    private MetricNames() {}

    public static String retrieval(String mode, String metric) {
        return "retrieval." + mode + "." + metric;
    }

    public static String answers(String metric) {
        return "answers." + metric;
    }

    public static String judge(String metric) {
        return "judge." + metric;
    }

    public static String recall(int k) {
        return "recall@" + k;
    }

    /** Counts summed over cases rather than averaged. */
    public static boolean isSum(String flatName) {
        return flatName.endsWith("." + LEAKS)
                || flatName.endsWith("." + COST_USD)
                || flatName.endsWith("." + INPUT_TOKENS)
                || flatName.endsWith("." + OUTPUT_TOKENS);
    }

    /** Lower is better: leaks, latency and cost. */
    public static boolean lowerIsBetter(String flatName) {
        return flatName.endsWith("." + LEAKS) || flatName.contains(LATENCY_MS) || flatName.endsWith("." + COST_USD);
    }
}
