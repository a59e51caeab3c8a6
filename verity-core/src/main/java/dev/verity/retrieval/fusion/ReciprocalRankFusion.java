package dev.verity.retrieval.fusion;

import dev.verity.index.ScoredChunk;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.RetrievedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a chunk scores {@code sum(weight / (k + rank))} over
 * the legs that found it, with 1-based ranks. Only ranks matter, so BM25 and cosine scores need no normalization.
 * Ties break by the best single-leg rank, then by chunk id, so the order is deterministic.
 */
public final class ReciprocalRankFusion implements Fusion {
    /** The constant from the original paper; it damps the weight of the very top ranks. */
    public static final int DEFAULT_K = 60;

    private final int k;

    public ReciprocalRankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
    }

    public ReciprocalRankFusion() {
        this(DEFAULT_K);
    }

    @Override
    public List<RetrievedChunk> fuse(List<RankedLeg> legs, int limit) {
        Map<String, ScoredChunk> chunks = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        Map<String, Map<String, LegHit>> hits = new HashMap<>();
        for (RankedLeg leg : legs) {
            int rank = 0;
            for (ScoredChunk hit : leg.hits()) {
                rank++;
                String id = hit.chunk().id();
                if (hits.computeIfAbsent(id, x -> new LinkedHashMap<>())
                                .putIfAbsent(leg.name(), new LegHit(rank, hit.score()))
                        != null) {
                    continue; // a leg listing a chunk twice counts it once, at its best rank
                }
                chunks.putIfAbsent(id, hit);
                scores.merge(id, leg.weight() / (k + rank), Double::sum);
            }
        }
        Comparator<String> order = Comparator.<String>comparingDouble(scores::get)
                .reversed()
                .thenComparingInt(id -> bestRank(hits.get(id)))
                .thenComparing(Comparator.naturalOrder());
        List<RetrievedChunk> fused = new ArrayList<>();
        chunks.keySet().stream()
                .sorted(order)
                .limit(limit)
                .forEach(id -> fused.add(new RetrievedChunk(
                        chunks.get(id).chunk(),
                        scores.get(id),
                        hits.get(id),
                        chunks.get(id).verdict())));
        return fused;
    }

    private static int bestRank(Map<String, LegHit> legHits) {
        return legHits.values().stream().mapToInt(LegHit::rank).min().orElse(Integer.MAX_VALUE);
    }
}
