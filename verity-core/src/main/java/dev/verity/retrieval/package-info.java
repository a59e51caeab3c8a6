/**
 * Finding the chunks that answer a question.
 *
 * <p>{@link dev.verity.retrieval.hybrid.HybridRetriever} runs a BM25 leg and a vector leg against the
 * {@link dev.verity.index.Index}, both restricted by the same {@link dev.verity.index.SearchFilter} inside the
 * engine, fuses them ({@link dev.verity.retrieval.fusion.ReciprocalRankFusion} by default) and lets a
 * {@link dev.verity.retrieval.rerank.Reranker} choose the top k (pass-through by default). Each step is a span of the
 * {@link dev.verity.observability.Tracer} passed with the request:
 *
 * <pre>{@code
 * Retriever retriever = new HybridRetriever(index, embeddings, RetrievalSettings.defaults());
 * List<RetrievedChunk> top = retriever.retrieve(
 *         new RetrievalRequest("How many days of leave?", SearchFilter.collection("default"), 8, RetrievalMode.HYBRID),
 *         Tracer.noop());
 * }</pre>
 *
 * Access control is part of the filter, never a later step: a chunk the caller may not see is never scored, so it
 * cannot reach answers, citations, caches or logs.
 */
@NullMarked
package dev.verity.retrieval;

import org.jspecify.annotations.NullMarked;
