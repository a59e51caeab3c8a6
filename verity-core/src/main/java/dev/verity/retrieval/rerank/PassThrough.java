package dev.verity.retrieval.rerank;

import dev.verity.internal.Checks;
import dev.verity.retrieval.RetrievedChunk;
import java.util.List;

/** {@link Reranker#passThrough()}. */
enum PassThrough implements Reranker {
    INSTANCE;

    @Override
    public List<RetrievedChunk> rerank(String query, List<RetrievedChunk> candidates, int limit) {
        Checks.positive(limit, "limit");
        return List.copyOf(candidates.subList(0, Math.min(limit, candidates.size())));
    }
}
