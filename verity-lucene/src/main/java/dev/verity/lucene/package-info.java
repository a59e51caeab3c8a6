/**
 * The embedded {@link dev.verity.index.Index}: Lucene with BM25 over chunk text and context and an HNSW graph over
 * the vectors, both legs filtered inside the engine by tenant, collection, ACL principals and metadata.
 *
 * <pre>{@code
 * try (LuceneIndex index = LuceneIndex.open(dataDir.resolve("index"), LuceneSettings.defaults())) {
 *     List<ScoredChunk> hits = index.keywordSearch("paid leave", SearchFilter.collection("default"), 50);
 * }
 * }</pre>
 *
 * <p>The trap: the index records the vector space (model id and dimension) it was built with and refuses to open
 * with another one ({@link dev.verity.lucene.VectorSpace}); re-ingest, or switch the model back.
 */
@NullMarked
package dev.verity.lucene;

import org.jspecify.annotations.NullMarked;
