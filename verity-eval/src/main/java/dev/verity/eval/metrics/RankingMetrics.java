package dev.verity.eval.metrics;

import dev.verity.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics with trec_eval's definitions, over a ranked list of distinct document ids and graded relevance
 * judgements (qrels). A grade above 0 is relevant; documents without a judgement are not.
 *
 * <ul>
 *   <li>{@link #ndcg nDCG@k} ({@code ndcg_cut_k}): DCG = Σ<sub>i≤k</sub> gain<sub>i</sub> / log<sub>2</sub>(i + 1)
 *       with the grade as gain, divided by the DCG of the ideal ranking of all judged documents.
 *   <li>{@link #recall recall@k} ({@code recall_k}): relevant documents in the top k / all relevant documents.
 *   <li>{@link #reciprocalRank MRR@k} ({@code recip_rank} cut at k): 1 / rank of the first relevant document in the
 *       top k, else 0.
 * </ul>
 *
 * A query without any relevant document has no defined score (trec_eval skips it): callers leave it out of averages.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    public static double ndcg(List<String> ranked, Map<String, Integer> qrels, int k) {
        Checks.positive(k, "k");
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += gain(qrels.get(ranked.get(i))) / log2(i + 2);
        }
        List<Integer> ideal = qrels.values().stream()
                .filter(g -> g > 0)
                .sorted((a, b) -> b - a)
                .toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double recall(List<String> ranked, Map<String, Integer> qrels, int k) {
        Checks.positive(k, "k");
        long relevant = relevantCount(qrels);
        if (relevant == 0) {
            return 0;
        }
        long found =
                ranked.stream().limit(k).filter(id -> gain(qrels.get(id)) > 0).count();
        return (double) found / relevant;
    }

    public static double reciprocalRank(List<String> ranked, Map<String, Integer> qrels, int k) {
        Checks.positive(k, "k");
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (gain(qrels.get(ranked.get(i))) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    public static long relevantCount(Map<String, Integer> qrels) {
        return qrels.values().stream().filter(g -> g > 0).count();
    }

    private static int gain(Integer grade) {
        return grade == null ? 0 : Math.max(0, grade);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
