package dev.verity.index;

import dev.verity.document.Chunk;
import dev.verity.document.DocumentInfo;
import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An {@link Index} held in memory, searched by brute force: for unit tests of the orchestrators (ingestion, retrieval,
 * answering) without Lucene on the class path, and for tiny embedded uses. It passes the same contract as
 * {@code LuceneIndex}.
 *
 * <ol>
 *   <li>Keyword search is BM25 (k1 = {@value #DEFAULT_K1}, b = {@value #DEFAULT_B}, Lucene's formula and the
 *       embedded index's defaults) over the chunk's {@link Chunk#searchText()}, analyzed close to Lucene's English
 *       analyzer: lower-cased words, stop words dropped, Porter stems.
 *   <li>Vector search compares the query with every chunk: the score is the dot product, which is the cosine for the
 *       unit vectors every {@code EmbeddingModel} returns. It is exact, where Lucene's HNSW graph is approximate.
 *   <li>Both legs apply the {@link SearchFilter} (tenant, collection, ACL principals, sources, media types, languages,
 *       ingestion date at millisecond precision) before ranking, never after.
 * </ol>
 *
 * <p>Limits: every search reads every chunk, so it suits thousands of chunks, not millions; document lengths are exact
 * where Lucene rounds them, so BM25 scores differ from Lucene's in the last digits and near-ties may order
 * differently; nothing survives the process. {@link #commit()} keeps a copy of the chunks that {@link #reopen()} opens
 * again, as a restart would find them. All vectors must have one dimension, fixed by the first written; chunks written
 * without a vector ({@link IndexedChunk#awaitingVector}) are left out of vector search until {@link #setVectors}.
 *
 * <pre>{@code
 * Index index = new InMemoryIndex();
 * index.replaceDocument(doc.id(), chunks);
 * List<ScoredChunk> hits = index.keywordSearch("paid leave", SearchFilter.collection("default"), 10);
 * }</pre>
 *
 * <p>Thread-safe: writes are atomic and exclusive, searches run side by side.
 */
public final class InMemoryIndex implements Index {
    /** The embedded index's defaults (Anserini's BEIR settings), so scores compare with {@code LuceneIndex}'s. */
    public static final double DEFAULT_K1 = 0.9;

    public static final double DEFAULT_B = 0.4;

    private final double k1;
    private final double b;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Chunks by document id, in write order: a replaced document moves to the end, as in Lucene. */
    private final LinkedHashMap<String, List<Entry>> live = new LinkedHashMap<>();

    private Map<String, List<IndexedChunk>> committed;
    private long version;
    private boolean closed;

    /** An empty index with the default BM25 parameters. */
    public InMemoryIndex() {
        this(DEFAULT_K1, DEFAULT_B, Map.of());
    }

    /** An empty index with these BM25 parameters: {@code k1 >= 0}, {@code b} in [0, 1]. */
    public InMemoryIndex(double k1, double b) {
        this(k1, b, Map.of());
    }

    private InMemoryIndex(double k1, double b, Map<String, List<IndexedChunk>> chunks) {
        if (!(k1 >= 0) || Double.isInfinite(k1)) {
            throw new IllegalArgumentException("k1 must be >= 0 and finite, got " + k1);
        }
        if (!(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("b must be in [0, 1], got " + b);
        }
        this.k1 = k1;
        this.b = b;
        chunks.forEach((id, list) -> live.put(id, list.stream().map(Entry::of).toList()));
        this.committed = chunks;
    }

    /**
     * A new index holding what this one held at its last {@link #commit()}, as reopening a durable index after a
     * restart would find it; writes not committed are lost. Works on a closed index too.
     */
    public InMemoryIndex reopen() {
        return read(() -> new InMemoryIndex(k1, b, committed), false);
    }

    @Override
    public void replaceDocument(String documentId, List<IndexedChunk> chunks) {
        Checks.nonBlank(documentId, "documentId");
        for (IndexedChunk c : chunks) {
            if (!c.chunk().document().id().equals(documentId)) {
                throw new IllegalArgumentException("chunk " + c.chunk().id() + " belongs to "
                        + c.chunk().document().id() + ", not to " + documentId);
            }
        }
        List<Entry> entries = chunks.stream().map(Entry::of).toList();
        write(() -> {
            int held = dimension();
            for (Entry e : entries) {
                if (!e.indexed.hasVector()) {
                    continue;
                }
                int dims = e.indexed.vector().length;
                if (held < 0) {
                    held = dims;
                } else if (dims != held) {
                    throw new IllegalArgumentException(
                            "chunk " + e.indexed.chunk().id() + " has a vector of " + dims
                                    + " dims, but the index holds vectors of " + held + " dims");
                }
            }
            live.remove(documentId);
            if (!entries.isEmpty()) {
                live.put(documentId, entries);
            }
            version++;
        });
    }

    @Override
    public void deleteDocument(String documentId) {
        write(() -> {
            if (live.remove(documentId) != null) {
                version++;
            }
        });
    }

    @Override
    public void commit() {
        write(() -> {
            Map<String, List<IndexedChunk>> copy = new LinkedHashMap<>();
            live.forEach((id, entries) ->
                    copy.put(id, entries.stream().map(e -> e.indexed).toList()));
            committed = copy;
        });
    }

    @Override
    public List<ScoredChunk> keywordSearch(String query, SearchFilter filter, int k) {
        Checks.positive(k, "k");
        List<String> terms = EnglishTerms.of(query).stream().distinct().toList();
        if (terms.isEmpty()) {
            return List.of();
        }
        return read(
                () -> {
                    Statistics stats = statistics();
                    List<ScoredChunk> hits = new ArrayList<>();
                    for (Entry e : entries()) {
                        if (!matches(e.indexed.chunk().document(), filter)) {
                            continue;
                        }
                        double score = 0;
                        for (String term : terms) {
                            int tf = e.termFrequencies.getOrDefault(term, 0);
                            if (tf > 0) {
                                double norm = k1 * (1 - b + b * e.length / stats.averageLength);
                                score += stats.idf(term) * tf / (tf + norm);
                            }
                        }
                        if (score > 0) {
                            hits.add(new ScoredChunk(e.indexed.chunk(), score, e.indexed.verdict()));
                        }
                    }
                    return best(hits, k);
                },
                true);
    }

    @Override
    public List<ScoredChunk> vectorSearch(float[] vector, SearchFilter filter, int k) {
        Checks.positive(k, "k");
        return read(
                () -> {
                    int held = dimension();
                    if (held >= 0 && vector.length != held) {
                        throw new IllegalArgumentException(
                                "the query vector has " + vector.length + " dims, but the index holds vectors of "
                                        + held + " dims: embed the query with that model");
                    }
                    List<ScoredChunk> hits = new ArrayList<>();
                    for (Entry e : entries()) {
                        if (e.indexed.hasVector() && matches(e.indexed.chunk().document(), filter)) {
                            hits.add(new ScoredChunk(
                                    e.indexed.chunk(), dot(vector, e.indexed.vector()), e.indexed.verdict()));
                        }
                    }
                    return best(hits, k);
                },
                true);
    }

    @Override
    public Optional<IndexedDocument> document(String documentId) {
        return read(
                () -> {
                    List<Entry> entries = live.get(documentId);
                    if (entries == null) {
                        return Optional.empty();
                    }
                    DocumentInfo first = entries.getFirst().indexed.chunk().document();
                    return Optional.of(
                            new IndexedDocument(documentId, first.version(), first.contentSha256(), entries.size()));
                },
                true);
    }

    @Override
    public List<IndexedChunk> chunks(String documentId) {
        return read(
                () -> live.getOrDefault(documentId, List.of()).stream()
                        .map(e -> new IndexedChunk(
                                e.indexed.chunk(), e.indexed.vector().clone(), e.indexed.verdict()))
                        .sorted(Comparator.comparingInt(c -> c.chunk().ordinal()))
                        .toList(),
                true);
    }

    @Override
    public List<QueryTerm> analyze(String text) {
        List<String> terms = EnglishTerms.of(text).stream().distinct().toList();
        return read(
                () -> {
                    Statistics stats = statistics();
                    return terms.stream()
                            .map(t -> new QueryTerm(t, stats.idf(t)))
                            .toList();
                },
                true);
    }

    @Override
    public long chunkCount() {
        return read(() -> (long) entries().size(), true);
    }

    @Override
    public List<IndexedDocument> documents() {
        return read(
                () -> {
                    Map<String, IndexedDocument> found = new TreeMap<>();
                    for (Entry e : entries()) {
                        DocumentInfo doc = e.indexed.chunk().document();
                        found.merge(
                                doc.id() + "\u0000" + String.format("%010d", doc.version()),
                                new IndexedDocument(doc.id(), doc.version(), doc.contentSha256(), 1),
                                (x, y) -> new IndexedDocument(
                                        x.documentId(), x.version(), x.contentSha256(), x.chunkCount() + 1));
                    }
                    return List.copyOf(found.values());
                },
                true);
    }

    @Override
    public List<IndexedChunk> awaitingVectors(int limit) {
        Checks.positive(limit, "limit");
        return read(
                () -> entries().stream()
                        .filter(e -> !e.indexed.hasVector())
                        .limit(limit)
                        .map(e -> e.indexed)
                        .toList(),
                true);
    }

    @Override
    public long awaitingVectorCount() {
        return read(() -> entries().stream().filter(e -> !e.indexed.hasVector()).count(), true);
    }

    @Override
    public Set<String> withoutVectors(java.util.Collection<String> chunkIds) {
        Set<String> wanted = Set.copyOf(chunkIds);
        return read(
                () -> entries().stream()
                        .filter(e -> !e.indexed.hasVector()
                                && wanted.contains(e.indexed.chunk().id()))
                        .map(e -> e.indexed.chunk().id())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()),
                true);
    }

    @Override
    public long awaitingVectorCount(String documentId) {
        return read(
                () -> live.getOrDefault(documentId, List.of()).stream()
                        .filter(e -> !e.indexed.hasVector())
                        .count(),
                true);
    }

    @Override
    public int setVectors(List<ChunkVector> vectors) {
        Map<String, ChunkVector> byId = new HashMap<>();
        vectors.forEach(v -> byId.put(v.chunkId(), v));
        int[] set = {0};
        write(() -> {
            int held = dimension();
            for (ChunkVector v : vectors) {
                if (held >= 0 && v.vector().length != held) {
                    throw new IllegalArgumentException("chunk " + v.chunkId() + " has a vector of " + v.vector().length
                            + " dims, but the index holds vectors of " + held + " dims");
                }
                held = v.vector().length;
            }
            for (Map.Entry<String, List<Entry>> document : live.entrySet()) {
                List<Entry> updated = null;
                List<Entry> entries = document.getValue();
                for (int i = 0; i < entries.size(); i++) {
                    IndexedChunk c = entries.get(i).indexed;
                    ChunkVector v = byId.get(c.chunk().id());
                    if (v != null && v.contentHash().equals(c.chunk().contentHash())) {
                        if (updated == null) {
                            updated = new ArrayList<>(entries);
                        }
                        Entry e = entries.get(i);
                        updated.set(
                                i,
                                new Entry(
                                        new IndexedChunk(c.chunk(), v.vector().clone(), c.verdict()),
                                        e.termFrequencies,
                                        e.length));
                        set[0]++;
                    }
                }
                if (updated != null) {
                    document.setValue(List.copyOf(updated));
                }
            }
            if (set[0] > 0) {
                version++;
            }
        });
        return set[0];
    }

    /** Counts the writes that changed what searches see. */
    @Override
    public long version() {
        return read(() -> version, true);
    }

    /** Further calls fail, except {@link #reopen()}; closing twice is a no-op. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether a document's chunks pass the filter: the same rules as {@code LuceneIndex}'s filter query. */
    static boolean matches(DocumentInfo doc, SearchFilter filter) {
        if (!doc.tenant().equals(filter.tenant()) || !doc.collection().equals(filter.collection())) {
            return false;
        }
        if (!doc.visibleTo(filter.principals())) {
            return false;
        }
        if (!anyOf(filter.sources(), doc.source())
                || !anyOf(filter.mediaTypes(), doc.mediaType())
                || !anyOf(filter.languages(), doc.language())) {
            return false;
        }
        long at = doc.ingestedAt().toEpochMilli();
        return filter.ingestedFrom()
                        .map(Instant::toEpochMilli)
                        .map(from -> at >= from)
                        .orElse(true)
                && filter.ingestedTo()
                        .map(Instant::toEpochMilli)
                        .map(to -> at < to)
                        .orElse(true);
    }

    private static boolean anyOf(Set<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    /** Best first; equal scores keep write order, as Lucene breaks ties by document number. */
    private static List<ScoredChunk> best(List<ScoredChunk> hits, int k) {
        hits.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
        return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** The dimension of the vectors held, or -1 when the index is empty. */
    private int dimension() {
        for (List<Entry> entries : live.values()) {
            for (Entry e : entries) {
                if (e.indexed.hasVector()) {
                    return e.indexed.vector().length;
                }
            }
        }
        return -1;
    }

    private List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        live.values().forEach(all::addAll);
        return all;
    }

    private Statistics statistics() {
        Map<String, Integer> documentFrequencies = new HashMap<>();
        long totalLength = 0;
        int count = 0;
        for (Entry e : entries()) {
            count++;
            totalLength += e.length;
            e.termFrequencies.keySet().forEach(t -> documentFrequencies.merge(t, 1, Integer::sum));
        }
        return new Statistics(
                count, count == 0 ? 1 : Math.max(1e-9, (double) totalLength / count), documentFrequencies);
    }

    private void write(Runnable action) {
        lock.writeLock().lock();
        try {
            requireOpen();
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> action, boolean mustBeOpen) {
        lock.readLock().lock();
        try {
            if (mustBeOpen) {
                requireOpen();
            }
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the index is closed");
        }
    }

    /** A chunk with its analyzed search text. */
    private record Entry(IndexedChunk indexed, Map<String, Integer> termFrequencies, int length) {
        static Entry of(IndexedChunk chunk) {
            List<String> terms = EnglishTerms.of(chunk.chunk().searchText());
            Map<String, Integer> frequencies = new HashMap<>();
            terms.forEach(t -> frequencies.merge(t, 1, Integer::sum));
            IndexedChunk copy = new IndexedChunk(chunk.chunk(), chunk.vector().clone(), chunk.verdict());
            return new Entry(copy, Map.copyOf(frequencies), terms.size());
        }
    }

    /** Collection statistics for BM25, over every chunk held whatever the filter, as in Lucene. */
    private record Statistics(int documentCount, double averageLength, Map<String, Integer> documentFrequencies) {
        /** BM25's idf, with at least one document counted so an empty index gives finite weights. */
        double idf(String term) {
            long n = Math.max(1, documentCount);
            int df = documentFrequencies.getOrDefault(term, 0);
            return Math.log(1 + (n - df + 0.5) / (df + 0.5));
        }
    }
}
