/**
 * The default retriever: {@link dev.verity.retrieval.hybrid.HybridRetriever} runs a BM25 leg and a vector leg against
 * the index with the same filter and fuses them; {@code RetrievalMode.BM25} or {@code VECTOR} runs one leg alone.
 *
 * <pre>{@code
 * Retriever retriever = new HybridRetriever(index, embeddings, RetrievalSettings.defaults());
 * }</pre>
 */
@NullMarked
package dev.verity.retrieval.hybrid;

import org.jspecify.annotations.NullMarked;
