package dev.verity.index;

import java.util.List;
import java.util.Optional;

/**
 * The search index: chunks with their text for keyword (BM25) search and their vectors for nearest-neighbour search,
 * both restricted by a {@link SearchFilter} inside the engine. Implementations: {@code LuceneIndex} in
 * {@code verity-lucene}; {@link InMemoryIndex} for unit tests and tiny embedded uses. Both pass the testkit's
 * {@code IndexContract}.
 *
 * <p>Writes become visible to searches at once but durable only at {@link #commit()}; after a crash the index comes
 * back as of the last commit. Callers record anything that depends on indexed data only after {@code commit} returns.
 *
 * <p>Implementations are thread-safe.
 */
public interface Index extends AutoCloseable {

    /**
     * Replaces all chunks of a document with these, atomically: a search sees either the old chunks or the new ones,
     * never a mix or nothing. All chunks must belong to {@code documentId}.
     */
    void replaceDocument(String documentId, List<IndexedChunk> chunks);

    /** Removes every chunk of a document; a no-op when there is none. */
    void deleteDocument(String documentId);

    /** Makes every write so far durable. */
    void commit();

    /** BM25 search of {@code query} over chunk text and context, best first, at most {@code k} hits. */
    List<ScoredChunk> keywordSearch(String query, SearchFilter filter, int k);

    /** Nearest neighbours of {@code vector} by cosine similarity, best first, at most {@code k} hits. */
    List<ScoredChunk> vectorSearch(float[] vector, SearchFilter filter, int k);

    /** What the index holds for a document, or empty when it holds none of its chunks. */
    Optional<IndexedDocument> document(String documentId);

    /** Every chunk of a document, in order; empty when there is none. */
    List<IndexedChunk> chunks(String documentId);

    /** The distinct terms of {@code text} after keyword analysis, with their idf in the index, in text order. */
    List<QueryTerm> analyze(String text);

    /** Number of chunks in the index. */
    long chunkCount();

    /**
     * Every document the index holds (committed or not), one entry per document and version, by id. A document
     * listed twice has chunks of two versions side by side, which a consistent index never has.
     */
    List<IndexedDocument> documents();

    /** A number that changes whenever what searches see changes; answer-cache keys include it. */
    long version();

    @Override
    void close();
}
