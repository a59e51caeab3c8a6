package dev.verity.retrieval.rerank;

import dev.verity.retrieval.RetrievedChunk;
import java.util.List;

/**
 * Reorders and trims the fused candidates for a question, after fusion and before the evidence gate.
 * Implementations: {@link #passThrough()} (keeps fusion's order: the default, as no cross-encoder model ships with
 * Verity); a cross-encoder over user-supplied model files or a provider's rerank endpoint belong here later.
 *
 * <p>Contract: returns at most {@code limit} chunks, each one of {@code candidates} (same chunk, same leg hits), none
 * twice, best first; an empty list for no candidates. A reranker may change a chunk's {@code score} to its own.
 */
public interface Reranker {

    /**
     * @param query the question, as retrieval saw it
     * @param candidates fused candidates, best first; {@link #candidates(int)} of them when fusion found that many
     * @param limit the most chunks to return
     * @return the chosen chunks, best first
     */
    List<RetrievedChunk> rerank(String query, List<RetrievedChunk> candidates, int limit);

    /**
     * How many fused candidates this reranker wants to see in order to return {@code limit}: a model reranker looks
     * deeper than it returns; the pass-through needs no more than it returns.
     */
    default int candidates(int limit) {
        return limit;
    }

    /** Keeps fusion's order and scores: the first {@code limit} candidates. */
    static Reranker passThrough() {
        return PassThrough.INSTANCE;
    }
}
