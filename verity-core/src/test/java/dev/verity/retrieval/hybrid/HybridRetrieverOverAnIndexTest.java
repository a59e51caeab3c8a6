package dev.verity.retrieval.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.document.DocumentInfo;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.index.InMemoryIndex;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.testing.Passages;
import dev.verity.testing.WordVectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both legs over the in-memory index, fused; one leg alone keeps its own scores. */
class HybridRetrieverOverAnIndexTest {
    private static final SearchFilter HR = SearchFilter.collection("hr");

    private final InMemoryIndex index = new InMemoryIndex();
    private final WordVectors model = new WordVectors();
    private final List<Chunk> handbook = Passages.put(
            index,
            Passages.document("handbook.pdf", "hr", Set.of()),
            "Staff get 25 days of paid leave per year.",
            "Sick leave is unlimited with a note from a doctor.",
            "The cafeteria opens at noon.");
    private final List<Chunk> executives = Passages.put(
            index, Passages.document("executives.pdf", "hr", Set.of("board")), "Executives get 40 days of paid leave.");
    private final List<Chunk> itPortal = Passages.put(
            index, Passages.document("portal.pdf", "it", Set.of()), "Paid leave requests go through the portal.");

    @AfterEach
    void closeIndex() {
        index.close();
    }

    private List<RetrievedChunk> retrieve(
            EmbeddingModel embeddings, String query, SearchFilter filter, int topK, RetrievalMode mode) {
        return new HybridRetriever(index, embeddings, RetrievalSettings.defaults())
                .retrieve(new RetrievalRequest(query, filter, topK, mode), Tracer.noop());
    }

    private List<RetrievedChunk> retrieve(String query, SearchFilter filter, int topK, RetrievalMode mode) {
        return retrieve(model, query, filter, topK, mode);
    }

    @Test
    void aChunkFirstInBothLegsComesFirstWithTheSumOfItsReciprocalRanks() {
        List<RetrievedChunk> hits = retrieve("paid leave days", HR, 2, RetrievalMode.HYBRID);

        RetrievedChunk first = hits.getFirst();
        assertThat(first.chunk()).isEqualTo(handbook.get(0));
        assertThat(first.leg(Retriever.KEYWORD_LEG)).map(LegHit::rank).contains(1);
        assertThat(first.leg(Retriever.VECTOR_LEG)).map(LegHit::rank).contains(1);
        // RRF with k = 60 and weights 1: 1 / (60 + 1) from each leg
        assertThat(first.score()).isCloseTo(2.0 / 61, Offset.offset(1e-12));
        assertThat(hits).hasSize(2);
    }

    @Test
    void neverReturnsAChunkOutsideTheCollectionOrHiddenByItsAcl() {
        List<RetrievedChunk> anonymous = retrieve("paid leave", HR, 10, RetrievalMode.HYBRID);
        List<RetrievedChunk> board =
                retrieve("paid leave", HR.withPrincipals(Set.of("board")), 10, RetrievalMode.HYBRID);

        assertThat(anonymous)
                .extracting(RetrievedChunk::chunk)
                .containsExactlyInAnyOrderElementsOf(handbook)
                .doesNotContain(executives.getFirst(), itPortal.getFirst());
        assertThat(board)
                .extracting(RetrievedChunk::chunk)
                .contains(executives.getFirst())
                .doesNotContain(itPortal.getFirst());
    }

    @Test
    void keywordModeKeepsTheBm25ScoresAndNeverEmbedsTheQuery() {
        EmbeddingModel refusing = new EmbeddingModel() {
            @Override
            public String id() {
                return "refusing";
            }

            @Override
            public int dimension() {
                return WordVectors.DIMENSION;
            }

            @Override
            public TokenCounter tokenCounter() {
                return TokenCounter.whitespace();
            }

            @Override
            public float[] embedQuery(String query) {
                throw new AssertionError("keyword mode embedded the query");
            }

            @Override
            public List<float[]> embedPassages(List<String> passages) {
                throw new AssertionError("retrieval embedded passages");
            }
        };

        List<RetrievedChunk> hits = retrieve(refusing, "sick leave", HR, 5, RetrievalMode.KEYWORD);

        List<ScoredChunk> bm25 = index.keywordSearch("sick leave", HR, 5);
        assertThat(hits)
                .extracting(RetrievedChunk::chunk)
                .containsExactlyElementsOf(bm25.stream().map(ScoredChunk::chunk).toList());
        assertThat(hits.getFirst().chunk()).isEqualTo(handbook.get(1));
        assertThat(hits.getFirst().score()).isEqualTo(bm25.getFirst().score());
        assertThat(hits.getFirst().legs())
                .isEqualTo(Map.of(
                        Retriever.KEYWORD_LEG, new LegHit(1, bm25.getFirst().score())));
    }

    @Test
    void vectorModeKeepsTheCosineOfEachChunk() {
        List<RetrievedChunk> hits = retrieve("The cafeteria opens at noon.", HR, 1, RetrievalMode.VECTOR);

        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().chunk()).isEqualTo(handbook.get(2));
        assertThat(hits.getFirst().score()).isCloseTo(1.0, Offset.offset(1e-6));
        assertThat(hits.getFirst().legs()).containsOnlyKeys(Retriever.VECTOR_LEG);
    }

    @Test
    void returnsAtMostTopKEvenWhenMoreMatch() {
        DocumentInfo many = Passages.document("many.pdf", "hr", Set.of());
        Passages.put(index, many, "leave one", "leave two", "leave three", "leave four", "leave five");

        assertThat(retrieve("leave", HR, 3, RetrievalMode.HYBRID)).hasSize(3);
    }
}
