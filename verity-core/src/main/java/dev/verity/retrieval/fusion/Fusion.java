package dev.verity.retrieval.fusion;

import dev.verity.retrieval.RetrievedChunk;
import java.util.List;

/**
 * Merges ranked lists from several retrieval legs into one ranking. Implementations: {@link ReciprocalRankFusion}.
 */
public interface Fusion {

    /**
     * @param legs the ranked lists, each best first
     * @param limit the most results to return
     * @return the merged list, best first, each chunk once, carrying every leg's rank and score
     */
    List<RetrievedChunk> fuse(List<RankedLeg> legs, int limit);
}
