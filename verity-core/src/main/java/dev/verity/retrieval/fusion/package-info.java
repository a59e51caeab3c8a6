/**
 * Fusion, an explicit step: {@link dev.verity.retrieval.fusion.Fusion} merges the ranked lists of several retrieval
 * legs into one; {@link dev.verity.retrieval.fusion.ReciprocalRankFusion} (k = 60) is the default.
 *
 * <pre>{@code
 * List<RetrievedChunk> fused = new ReciprocalRankFusion().fuse(List.of(bm25Leg, vectorLeg), 8);
 * // a chunk ranked 1st by BM25 and 3rd by vectors scores 1/61 + 1/63
 * }</pre>
 *
 * <p>RRF uses ranks, not scores, so BM25 and cosine scores never need calibrating against each other.
 */
@NullMarked
package dev.verity.retrieval.fusion;

import org.jspecify.annotations.NullMarked;
