package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.document.DocumentInfo;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.index.SearchFilter;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.testkit.fakes.TestChunks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link Retriever} must do, in every {@link RetrievalMode}: at most {@code topK} chunks, best first (scores
 * never rise), no chunk twice, never a chunk outside the filter's collection or one whose ACL the caller's principals do
 * not share, each result carrying only the legs the mode ran, a word found in one chunk only bringing that chunk
 * first, and an empty index giving nothing.
 *
 * <p>Subclass it once per implementation and supply {@link #openRetriever(List)}: a retriever over an index holding
 * exactly the given chunks, committed. An index-backed subclass can fill its index with {@link #fill}; it closes what it
 * opened in its own {@code @AfterEach}. Implementations: {@code HybridRetriever} over {@code InMemoryIndex} (the
 * testkit's own tests) and over {@code LuceneIndex} (verity-lucene).
 */
public abstract class RetrieverContract {
    private static final DocumentInfo HANDBOOK =
            TestChunks.document("handbook.pdf").collection("hr").build();
    private static final DocumentInfo EXECUTIVES =
            TestChunks.document("executives.pdf").collection("hr").acl("board").build();
    private static final DocumentInfo BONUS =
            TestChunks.document("bonus.pdf").collection("hr").acl("finance").build();
    private static final DocumentInfo PORTAL =
            TestChunks.document("portal.pdf").collection("it").build();

    /** Three public chunks in hr; the third alone speaks of the cafeteria. */
    protected static final List<Chunk> HANDBOOK_CHUNKS = TestChunks.chunks(
            HANDBOOK,
            "Staff get 25 days of paid leave per year.",
            "Sick leave is unlimited with a note from a doctor.",
            "The cafeteria opens at noon.");

    /** One hr chunk only the {@code board} principal may see. */
    protected static final List<Chunk> EXECUTIVE_CHUNKS =
            TestChunks.chunks(EXECUTIVES, "Executives get 40 days of paid leave.");

    /** One hr chunk only the {@code finance} principal may see. */
    protected static final List<Chunk> BONUS_CHUNKS =
            TestChunks.chunks(BONUS, "Finance staff get a bonus on top of paid leave.");

    /** One public chunk in another collection, it. */
    protected static final List<Chunk> PORTAL_CHUNKS =
            TestChunks.chunks(PORTAL, "Paid leave requests go through the portal.");

    /** Everything above, as the index holds it. */
    protected static final List<Chunk> CORPUS = Stream.of(
                    HANDBOOK_CHUNKS, EXECUTIVE_CHUNKS, BONUS_CHUNKS, PORTAL_CHUNKS)
            .flatMap(List::stream)
            .toList();

    private static final SearchFilter HR = SearchFilter.collection("hr");
    private static final SearchFilter HR_BOARD = HR.withPrincipals(Set.of("board"));

    /** A retriever over an index holding exactly {@code corpus}, committed; it may be empty. */
    protected abstract Retriever openRetriever(List<Chunk> corpus);

    /** Writes {@code corpus} into {@code index}, each chunk embedded by {@code embeddings} as ingestion would, and commits. */
    protected static void fill(Index index, EmbeddingModel embeddings, List<Chunk> corpus) {
        Map<String, List<IndexedChunk>> byDocument = new LinkedHashMap<>();
        for (Chunk chunk : corpus) {
            float[] vector =
                    embeddings.embedPassages(List.of(chunk.searchText())).getFirst();
            byDocument
                    .computeIfAbsent(chunk.document().id(), id -> new ArrayList<>())
                    .add(new IndexedChunk(chunk, vector));
        }
        byDocument.forEach(index::replaceDocument);
        index.commit();
    }

    private static List<RetrievedChunk> retrieve(
            Retriever retriever, String query, SearchFilter filter, int topK, RetrievalMode mode) {
        return retriever.retrieve(new RetrievalRequest(query, filter, topK, mode), Tracer.noop());
    }

    private static List<String> ids(List<RetrievedChunk> results) {
        return results.stream().map(r -> r.chunk().id()).toList();
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void resultsAreBestFirst(RetrievalMode mode) {
        List<RetrievedChunk> results = retrieve(openRetriever(CORPUS), "paid leave days", HR_BOARD, 10, mode);

        assertThat(results).isNotEmpty();
        for (int i = 1; i < results.size(); i++) {
            assertThat(results.get(i).score())
                    .as("score %d", i)
                    .isLessThanOrEqualTo(results.get(i - 1).score());
        }
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void returnsAtMostTopK(RetrievalMode mode) {
        Retriever retriever = openRetriever(CORPUS);

        assertThat(retrieve(retriever, "paid leave", HR_BOARD, 1, mode)).hasSize(1);
        assertThat(retrieve(retriever, "paid leave", HR_BOARD, 2, mode)).hasSize(2);
        // hr holds four chunks the board may see: no more can come back however many are asked for
        assertThat(retrieve(retriever, "paid leave", HR_BOARD, 100, mode)).hasSizeLessThanOrEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void returnsNoChunkTwice(RetrievalMode mode) {
        assertThat(ids(retrieve(openRetriever(CORPUS), "paid leave staff", HR_BOARD, 100, mode)))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void neverReturnsAChunkOfAnotherCollection(RetrievalMode mode) {
        // "portal" and "requests" occur only in the it collection's chunk
        List<RetrievedChunk> results =
                retrieve(openRetriever(CORPUS), "paid leave requests portal", HR_BOARD, 100, mode);

        assertThat(results)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.chunk().document().collection()).isEqualTo("hr"));
        assertThat(ids(results)).doesNotContain(PORTAL_CHUNKS.getFirst().id());
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void neverReturnsAChunkWhoseAclThePrincipalsDoNotShare(RetrievalMode mode) {
        Retriever retriever = openRetriever(CORPUS);
        List<String> publicOnly = HANDBOOK_CHUNKS.stream().map(Chunk::id).toList();
        List<String> board = Stream.concat(HANDBOOK_CHUNKS.stream(), EXECUTIVE_CHUNKS.stream())
                .map(Chunk::id)
                .toList();

        // "executives", "finance" and "bonus" occur only in the restricted chunks
        assertThat(ids(retrieve(retriever, "executives finance bonus paid leave", HR, 100, mode)))
                .isNotEmpty()
                .isSubsetOf(publicOnly);
        assertThat(ids(retrieve(retriever, "executives finance bonus paid leave", HR_BOARD, 100, mode)))
                .isNotEmpty()
                .isSubsetOf(board);
    }

    @ParameterizedTest
    @EnumSource(
            value = RetrievalMode.class,
            names = {"KEYWORD", "HYBRID"})
    void aPrincipalFindsTheDocumentsItsAclOpens(RetrievalMode mode) {
        List<RetrievedChunk> results = retrieve(openRetriever(CORPUS), "executives", HR_BOARD, 1, mode);

        assertThat(ids(results)).containsExactly(EXECUTIVE_CHUNKS.getFirst().id());
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void aWordOnlyOneChunkHoldsBringsThatChunkFirst(RetrievalMode mode) {
        List<RetrievedChunk> results = retrieve(openRetriever(CORPUS), "cafeteria noon", HR, 3, mode);

        assertThat(results).isNotEmpty();
        assertThat(results.getFirst().chunk()).isEqualTo(HANDBOOK_CHUNKS.get(2));
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void eachResultCarriesOnlyTheLegsTheModeRan(RetrievalMode mode) {
        Set<String> ran = new HashSet<>();
        if (mode.usesKeyword()) {
            ran.add(Retriever.KEYWORD_LEG);
        }
        if (mode.usesVector()) {
            ran.add(Retriever.VECTOR_LEG);
        }

        assertThat(retrieve(openRetriever(CORPUS), "paid leave", HR_BOARD, 10, mode))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.legs().keySet()).isNotEmpty().isSubsetOf(ran));
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void anEmptyIndexGivesNothing(RetrievalMode mode) {
        assertThat(retrieve(openRetriever(List.of()), "paid leave", HR_BOARD, 10, mode))
                .isEmpty();
    }
}
