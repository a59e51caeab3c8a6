/**
 * The search index seam: chunks with their text (BM25) and their vectors (nearest neighbours), searched with a
 * {@link dev.verity.index.SearchFilter} that is applied inside the engine for both legs.
 *
 * <pre>{@code
 * index.replaceDocument(docId, chunks);   // atomic: searches see the old chunks or the new ones
 * index.commit();                         // durable only now; record dependent state after this returns
 * List<ScoredChunk> hits = index.keywordSearch("paid leave", SearchFilter.collection("default").withPrincipals(Set.of("hr")), 50);
 * }</pre>
 *
 * <p>Access control is a filter, never a post-filter: a chunk the caller may not see is never scored. The Lucene
 * implementation lives in {@code verity-lucene}; its contract suite in the testkit ({@code IndexContract}).
 */
@NullMarked
package dev.verity.index;

import org.jspecify.annotations.NullMarked;
