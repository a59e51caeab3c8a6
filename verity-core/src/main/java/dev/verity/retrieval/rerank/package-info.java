/**
 * Reranking: a second, usually costlier, look at the fused candidates before they become evidence.
 *
 * <p>The {@link dev.verity.retrieval.hybrid.HybridRetriever} asks the {@link dev.verity.retrieval.rerank.Reranker}
 * how deep to fuse ({@link dev.verity.retrieval.rerank.Reranker#candidates(int)}), fuses that many, and lets it choose
 * the top {@code k} in a span of its own ({@code rerank}):
 *
 * <pre>{@code
 * Reranker reranker = Reranker.passThrough();
 * Retriever retriever = new HybridRetriever(index, embeddings, new ReciprocalRankFusion(), reranker, settings);
 * }</pre>
 *
 * The default passes fusion's order through unchanged: no reranking model ships with Verity, and an honest default
 * is better than a heuristic that looks like one.
 */
@NullMarked
package dev.verity.retrieval.rerank;

import org.jspecify.annotations.NullMarked;
