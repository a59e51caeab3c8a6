package dev.verity.index;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The search index: chunks with their text for keyword (BM25) search and their vectors for nearest-neighbour search,
 * both restricted by a {@link SearchFilter} inside the engine. Implementations: {@code LuceneIndex} in
 * {@code verity-lucene}; {@link InMemoryIndex} for unit tests and tiny embedded uses. Both pass the testkit's
 * {@code IndexContract}.
 *
 * <p>Writes become visible to searches at once but durable only at {@link #commit()}; after a crash the index comes
 * back as of the last commit. Callers record anything that depends on indexed data only after {@code commit} returns.
 *
 * <p>Chunks may be written before they are embedded ({@link IndexedChunk#awaitingVector}): keyword search finds them
 * at once, vector search once {@link #setVectors} has given them their vector. Which chunks still await one is kept in
 * the index itself, so that after a restart {@link #awaitingVectors} finds them again.
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

    /**
     * Chunks written without a vector that still await one, oldest write first, at most {@code limit}. An index that
     * never holds such chunks returns none (the default).
     */
    default List<IndexedChunk> awaitingVectors(int limit) {
        return List.of();
    }

    /** How many chunks await their vector: the embedding backlog. */
    default long awaitingVectorCount() {
        return 0;
    }

    /** Those of these chunk ids whose chunks await their vector (e.g. to say that a cited passage had none yet). */
    default Set<String> withoutVectors(Collection<String> chunkIds) {
        return Set.of();
    }

    /** How many chunks of a document await their vector; 0 once it is fully vector-searchable. */
    default long awaitingVectorCount(String documentId) {
        return 0;
    }

    /**
     * Sets the vectors of chunks that await one, each only while the index still holds that chunk id with that content
     * hash (a document replaced or deleted meanwhile keeps its new state). Like any write, durable at {@link #commit()}.
     *
     * @return how many vectors were set
     * @throws UnsupportedOperationException by an index that never holds chunks without vectors (the default)
     */
    default int setVectors(List<ChunkVector> vectors) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no chunks without vectors");
    }

    /** A number that changes whenever what searches see changes; answer-cache keys include it. */
    long version();

    @Override
    void close();
}
