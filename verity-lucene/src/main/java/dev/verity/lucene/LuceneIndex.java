package dev.verity.lucene;

import dev.verity.index.ChunkVector;
import dev.verity.index.Index;
import dev.verity.index.IndexUnavailableException;
import dev.verity.index.IndexedChunk;
import dev.verity.index.IndexedDocument;
import dev.verity.index.QueryTerm;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.internal.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The embedded {@link Index}: one Lucene index on local disk holding, per chunk, BM25-analyzed text (English analyzer:
 * possessives, stop words, Porter stemming), an HNSW vector (dot product on normalized vectors, i.e. cosine), and the
 * stored fields to rebuild the chunk.
 *
 * <p>Durability: writes go through an {@link IndexWriter} and are searchable at once (near-real-time), but only
 * {@link #commit()} makes them durable. Lucene commits are atomic: after a crash or {@code kill -9} the index opens as
 * of the last commit, never half-written. A replaced document is one {@code updateDocuments} call, so a reader sees
 * the old chunks or the new ones, never a mix.
 *
 * <p>Chunks written without a vector carry a marker field ({@code awaiting_vector}) until {@link #setVectors} re-adds
 * them with one: the embedding backlog survives a restart, and vector search, which reads only documents with a
 * vector, does not see them.
 *
 * <p>Only one process may write an index folder; {@link LuceneSettings#readOnly()} opens it for searching without
 * the write lock, e.g. for {@code verity ask} while {@code verity serve} runs.
 *
 * <p>Vectors of different embedding models do not compare, so the index records its {@link VectorSpace} (model id and
 * dimension, in the commit user data) and opening it with another model fails with {@link IndexUnavailableException}
 * unless it holds no chunks. An index from before the record adopts the configured model, if its vectors have the
 * configured size. Writes and searches with vectors of another size fail too.
 */
public final class LuceneIndex implements Index {
    /** Commit user data: the {@link VectorSpace} of the vectors the index holds. */
    static final String MODEL_KEY = "verity.embedding.model";

    static final String DIMENSION_KEY = "verity.embedding.dimension";

    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final BM25Similarity similarity;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Optional<VectorSpace> space;
    /** Held by writes that replace, delete or re-add chunks, so that setting vectors never revives a deleted chunk. */
    private final Object structure = new Object();

    private LuceneIndex(Path folder, LuceneSettings settings) {
        this.similarity = new BM25Similarity(settings.bm25K1(), settings.bm25B());
        SearcherFactory factory = new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
        Directory dir = null;
        IndexWriter w = null;
        SearcherManager manager = null;
        try {
            OwnerOnly.folder(folder); // Lucene's files follow the umask; the folder keeps them private
            dir = FSDirectory.open(folder);
            if (settings.readOnly()) {
                if (!DirectoryReader.indexExists(dir)) {
                    // an empty commit makes "no documents yet" searchable; creating it needs the lock only briefly
                    try (IndexWriter init = new IndexWriter(dir, writerConfig())) {
                        init.commit();
                    }
                }
                manager = new SearcherManager(dir, factory);
                this.space = vectorSpace(folder, settings, null, manager);
            } else {
                w = new IndexWriter(dir, writerConfig());
                manager = new SearcherManager(w, factory);
                this.space = vectorSpace(folder, settings, w, manager);
                if (!DirectoryReader.indexExists(dir)) {
                    w.commit();
                }
            }
        } catch (LockObtainFailedException e) {
            closeQuietly(dir);
            throw new IndexUnavailableException(
                    "the index at " + folder + " is locked by another process (is"
                            + " `verity serve` or another ingestion running on this data folder?). Stop it, or send the"
                            + " documents through its HTTP API.",
                    e);
        } catch (IOException e) {
            closeQuietly(manager);
            rollbackQuietly(w);
            closeQuietly(dir);
            throw new IndexUnavailableException("cannot open the index at " + folder + ": " + e.getMessage(), e);
        } catch (IndexUnavailableException e) {
            closeQuietly(manager);
            rollbackQuietly(w);
            closeQuietly(dir);
            throw e;
        }
        this.searchers = manager;
        this.directory = dir;
        this.writer = w;
    }

    /**
     * The vector space of the index, checked against the configured one. An index built with another model fails
     * (unless it holds no chunks); one without a record adopts the configured space, unless its vectors have another
     * size. A writer records the configured space in the commit user data, written at the next commit.
     */
    private static Optional<VectorSpace> vectorSpace(
            Path folder, LuceneSettings settings, IndexWriter writer, SearcherManager searchers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            IndexReader reader = searcher.getIndexReader();
            Map<String, String> userData = new HashMap<>();
            if (writer != null) {
                Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
                if (live != null) {
                    live.forEach(e -> userData.put(e.getKey(), e.getValue()));
                }
            } else {
                userData.putAll(((DirectoryReader) reader).getIndexCommit().getUserData());
            }
            Optional<VectorSpace> recorded = recorded(userData, folder);
            if (settings.vectorSpace().isEmpty()) {
                return recorded;
            }
            VectorSpace wanted = settings.vectorSpace().get();
            if (reader.numDocs() > 0) {
                if (recorded.isPresent() && !recorded.get().equals(wanted)) {
                    throw mismatch(folder, recorded.get().toString(), wanted);
                }
                FieldInfo vectors = FieldInfos.getMergedFieldInfos(reader).fieldInfo(ChunkFields.VECTOR);
                if (recorded.isEmpty() && vectors != null && vectors.getVectorDimension() != wanted.dimension()) {
                    throw mismatch(
                            folder,
                            "an unrecorded embedding model (" + vectors.getVectorDimension() + " dims)",
                            wanted);
                }
            }
            if (writer != null && !recorded.equals(settings.vectorSpace())) {
                userData.put(MODEL_KEY, wanted.modelId());
                userData.put(DIMENSION_KEY, Integer.toString(wanted.dimension()));
                writer.setLiveCommitData(userData.entrySet());
            }
            return settings.vectorSpace();
        } finally {
            searchers.release(searcher);
        }
    }

    private static Optional<VectorSpace> recorded(Map<String, String> userData, Path folder) {
        String model = userData.get(MODEL_KEY);
        if (model == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VectorSpace(model, Integer.parseInt(userData.getOrDefault(DIMENSION_KEY, ""))));
        } catch (IllegalArgumentException e) {
            throw new IndexUnavailableException(
                    "the index at " + folder + " records its embedding model as \""
                            + model + "\" with dimension \"" + userData.get(DIMENSION_KEY) + "\", which is damaged: "
                            + e.getMessage(),
                    e);
        }
    }

    private static IndexUnavailableException mismatch(Path folder, String built, VectorSpace configured) {
        return new IndexUnavailableException("the index at " + folder + " was built with " + built
                + "; configured " + configured + ": vectors of different embedding models cannot be compared."
                + " Re-ingest into a new data folder, or switch back to the model the index was built with.");
    }

    /** The vector space this index holds, when it is known (configured, or recorded by an earlier writer). */
    public Optional<VectorSpace> vectorSpace() {
        return space;
    }

    /** Opens (or creates) the index in {@code folder}. */
    public static LuceneIndex open(Path folder, LuceneSettings settings) {
        return new LuceneIndex(Objects.requireNonNull(folder, "folder"), Objects.requireNonNull(settings, "settings"));
    }

    private IndexWriterConfig writerConfig() {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setSimilarity(similarity);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        return config;
    }

    @Override
    public void replaceDocument(String documentId, List<IndexedChunk> chunks) {
        for (IndexedChunk c : chunks) {
            if (!c.chunk().document().id().equals(documentId)) {
                throw new IllegalArgumentException("chunk " + c.chunk().id() + " belongs to "
                        + c.chunk().document().id() + ", not to " + documentId);
            }
        }
        space.ifPresent(held -> {
            for (IndexedChunk c : chunks) {
                if (c.hasVector() && c.vector().length != held.dimension()) {
                    throw new IllegalArgumentException("chunk " + c.chunk().id() + " has a vector of "
                            + c.vector().length + " dims, but the index holds vectors of " + held
                            + ": embed with that model, or re-ingest into a new data folder");
                }
            }
        });
        List<Document> docs = chunks.stream().map(ChunkFields::toDocument).toList();
        synchronized (structure) {
            write(w -> w.updateDocuments(new Term(ChunkFields.DOC_ID, documentId), docs));
        }
    }

    @Override
    public void deleteDocument(String documentId) {
        synchronized (structure) {
            write(w -> w.deleteDocuments(new Term(ChunkFields.DOC_ID, documentId)));
        }
    }

    /** In index order, which is write order within a segment and close to it across segments. */
    @Override
    public List<IndexedChunk> awaitingVectors(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, got " + limit);
        }
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(awaitingVector(), limit, Sort.INDEXORDER);
            List<IndexedChunk> chunks = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                Document stored = searcher.storedFields().document(hit.doc);
                chunks.add(IndexedChunk.awaitingVector(ChunkFields.toChunk(stored), ChunkFields.verdict(stored)));
            }
            return chunks;
        });
    }

    @Override
    public long awaitingVectorCount() {
        return withSearcher(searcher -> (long) searcher.count(awaitingVector()));
    }

    @Override
    public Set<String> withoutVectors(java.util.Collection<String> chunkIds) {
        if (chunkIds.isEmpty()) {
            return Set.of();
        }
        Query q = new BooleanQuery.Builder()
                .add(awaitingVector(), Occur.FILTER)
                .add(
                        new org.apache.lucene.search.TermInSetQuery(
                                ChunkFields.CHUNK_ID,
                                chunkIds.stream()
                                        .map(org.apache.lucene.util.BytesRef::new)
                                        .toList()),
                        Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            Set<String> found = new java.util.HashSet<>();
            for (ScoreDoc hit : searcher.search(q, chunkIds.size()).scoreDocs) {
                found.add(searcher.storedFields()
                        .document(hit.doc, Set.of(ChunkFields.CHUNK_ID))
                        .get(ChunkFields.CHUNK_ID));
            }
            return Set.copyOf(found);
        });
    }

    @Override
    public long awaitingVectorCount(String documentId) {
        Query q = new BooleanQuery.Builder()
                .add(awaitingVector(), Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), Occur.FILTER)
                .build();
        return withSearcher(searcher -> (long) searcher.count(q));
    }

    /**
     * Re-adds each chunk, rebuilt from its stored fields, with its vector: Lucene cannot add a field to a written
     * document. Holds out replacements and deletions meanwhile, so a deleted document is never written back.
     */
    @Override
    public int setVectors(List<ChunkVector> vectors) {
        space.ifPresent(held -> {
            for (ChunkVector v : vectors) {
                if (v.vector().length != held.dimension()) {
                    throw new IllegalArgumentException("chunk " + v.chunkId() + " has a vector of "
                            + v.vector().length + " dims, but the index holds vectors of " + held
                            + ": embed with that model, or re-ingest into a new data folder");
                }
            }
        });
        int[] set = {0};
        synchronized (structure) {
            write(w -> {
                searchers.maybeRefreshBlocking();
                IndexSearcher searcher = searchers.acquire();
                try {
                    for (ChunkVector v : vectors) {
                        Term id = new Term(ChunkFields.CHUNK_ID, v.chunkId());
                        TopDocs top = searcher.search(new TermQuery(id), 1);
                        if (top.scoreDocs.length == 0) {
                            continue;
                        }
                        Document stored = searcher.storedFields().document(top.scoreDocs[0].doc);
                        if (!v.contentHash().equals(ChunkFields.chunkContentHash(stored))) {
                            continue;
                        }
                        IndexedChunk chunk =
                                new IndexedChunk(ChunkFields.toChunk(stored), v.vector(), ChunkFields.verdict(stored));
                        w.updateDocument(id, ChunkFields.toDocument(chunk));
                        set[0]++;
                    }
                } finally {
                    searchers.release(searcher);
                }
            });
            if (set[0] > 0 && awaitingVectorCount() == 0) {
                // the backlog is drained: drop the copies the updates deleted, which BM25's statistics would
                // otherwise count until segments happen to merge (keyword scores would depend on backfill timing)
                write(IndexWriter::forceMergeDeletes);
            }
        }
        return set[0];
    }

    private static Query awaitingVector() {
        return new TermQuery(new Term(ChunkFields.AWAITING_VECTOR, ChunkFields.TRUE));
    }

    @Override
    public void commit() {
        write(IndexWriter::commit);
    }

    @Override
    public List<ScoredChunk> keywordSearch(String query, SearchFilter filter, int k) {
        List<QueryTerm> terms = analyze(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (QueryTerm term : terms) {
            text.add(new TermQuery(new Term(ChunkFields.SEARCH_TEXT, term.term())), Occur.SHOULD);
        }
        Query q = new BooleanQuery.Builder()
                .add(text.build(), Occur.MUST)
                .add(Filters.toQuery(filter), Occur.FILTER)
                .build();
        return search(q, k, score -> score);
    }

    @Override
    public List<ScoredChunk> vectorSearch(float[] vector, SearchFilter filter, int k) {
        space.ifPresent(held -> {
            if (vector.length != held.dimension()) {
                throw new IllegalArgumentException("the query vector has " + vector.length
                        + " dims, but the index holds vectors of " + held + ": embed the query with that model");
            }
        });
        Query q = new KnnFloatVectorQuery(ChunkFields.VECTOR, vector, k, Filters.toQuery(filter));
        // Lucene scores DOT_PRODUCT as (1 + dot) / 2; report the cosine itself
        return search(q, k, score -> 2 * score - 1);
    }

    @Override
    public Optional<IndexedDocument> document(String documentId) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
            int count = searcher.count(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)));
            return Optional.of(
                    new IndexedDocument(documentId, ChunkFields.version(doc), ChunkFields.contentSha256(doc), count));
        });
    }

    @Override
    public List<IndexedChunk> chunks(String documentId) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(ChunkFields.DOC_ID, documentId)), Integer.MAX_VALUE);
            List<IndexedChunk> chunks = new ArrayList<>();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (ScoreDoc hit : top.scoreDocs) {
                Document stored = searcher.storedFields().document(hit.doc);
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                chunks.add(new IndexedChunk(
                        ChunkFields.toChunk(stored),
                        vectorOf(leaf, hit.doc - leaf.docBase),
                        ChunkFields.verdict(stored)));
            }
            chunks.sort(Comparator.comparingInt(c -> c.chunk().ordinal()));
            return chunks;
        });
    }

    @Override
    public List<QueryTerm> analyze(String text) {
        Map<String, Double> terms = new LinkedHashMap<>();
        return withSearcher(searcher -> {
            IndexReader reader = searcher.getIndexReader();
            long docCount = Math.max(1, reader.numDocs());
            try (TokenStream stream = analyzer.tokenStream(ChunkFields.SEARCH_TEXT, text)) {
                CharTermAttribute attribute = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    String term = attribute.toString();
                    if (!terms.containsKey(term)) {
                        int df = reader.docFreq(new Term(ChunkFields.SEARCH_TEXT, term));
                        // BM25's idf, the weight keyword search gives the term
                        terms.put(term, Math.log(1 + (docCount - df + 0.5) / (df + 0.5)));
                    }
                }
                stream.end();
            }
            return terms.entrySet().stream()
                    .map(e -> new QueryTerm(e.getKey(), e.getValue()))
                    .toList();
        });
    }

    @Override
    public long chunkCount() {
        return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    @Override
    public List<IndexedDocument> documents() {
        return withSearcher(searcher -> {
            Map<String, IndexedDocument> found = new java.util.TreeMap<>();
            Set<String> fields = Set.of(ChunkFields.DOC_ID, ChunkFields.VERSION, ChunkFields.SHA256);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                org.apache.lucene.index.StoredFields stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document d = stored.document(doc, fields);
                    int version = ChunkFields.version(d);
                    String id = d.get(ChunkFields.DOC_ID);
                    found.merge(
                            id + "\u0000" + String.format("%010d", version),
                            new IndexedDocument(id, version, ChunkFields.contentSha256(d), 1),
                            (a, b) -> new IndexedDocument(
                                    a.documentId(), a.version(), a.contentSha256(), a.chunkCount() + 1));
                }
            }
            return List.copyOf(found.values());
        });
    }

    /** The version of the reader searches use now (Lucene's {@link DirectoryReader#getVersion()}). */
    @Override
    public long version() {
        return withSearcher(searcher -> ((DirectoryReader) searcher.getIndexReader()).getVersion());
    }

    @Override
    public void close() {
        closeQuietly(searchers);
        if (writer != null) {
            try {
                writer.close(); // commits pending changes
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the index", e);
            }
        }
        closeQuietly(directory);
    }

    private List<ScoredChunk> search(Query query, int k, java.util.function.DoubleUnaryOperator toScore) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, k);
            List<ScoredChunk> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                Document stored = searcher.storedFields().document(hit.doc);
                hits.add(new ScoredChunk(
                        ChunkFields.toChunk(stored), toScore.applyAsDouble(hit.score), ChunkFields.verdict(stored)));
            }
            return hits;
        });
    }

    private static float[] vectorOf(LeafReaderContext leaf, int docInLeaf) throws IOException {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkFields.VECTOR);
        if (values == null) {
            return new float[0];
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(docInLeaf) != docInLeaf) {
            return new float[0];
        }
        return values.vectorValue(it.index()).clone();
    }

    private interface Write {
        void apply(IndexWriter writer) throws IOException;
    }

    private interface Read<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private void write(Write action) {
        if (writer == null) {
            throw new IndexUnavailableException("the index was opened read-only; writes need the write lock");
        }
        try {
            action.apply(writer);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("index write failed: " + e.getMessage(), e);
        }
    }

    private <T> T withSearcher(Read<T> read) {
        try {
            if (writer != null) {
                searchers.maybeRefresh();
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                return read.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("index search failed: " + e.getMessage(), e);
        }
    }

    /** Closes a writer without committing anything it holds. */
    private static void rollbackQuietly(IndexWriter writer) {
        if (writer != null) {
            try {
                writer.rollback();
            } catch (IOException | RuntimeException ignored) {
                // failing already: the first error is the one worth reporting
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing after a failure: the first error is the one worth reporting
            }
        }
    }
}
