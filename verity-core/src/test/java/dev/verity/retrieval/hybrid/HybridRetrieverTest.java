package dev.verity.retrieval.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.index.IndexedDocument;
import dev.verity.index.QueryTerm;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.fusion.RankedLeg;
import dev.verity.retrieval.fusion.ReciprocalRankFusion;
import dev.verity.retrieval.rerank.Reranker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The retriever's steps around fixed legs: a stub index answers both searches with the same twelve chunks. */
class HybridRetrieverTest {
    private static final DocumentInfo DOC = new DocumentInfo(
            "doc_1",
            1,
            "default",
            "default",
            Set.of(),
            "a.txt",
            "A",
            "text/plain",
            "en",
            "0".repeat(64),
            Instant.EPOCH);
    private static final List<Chunk> CHUNKS = IntStream.range(0, 12)
            .mapToObj(i -> new Chunk(
                    "doc_1-v1-%04d".formatted(i),
                    DOC,
                    i,
                    ChunkKind.PROSE,
                    "chunk " + i,
                    "",
                    new Location(1, 1, List.of(), new Span(0, 7)),
                    "h" + i,
                    2))
            .toList();
    /** BM25 ranks the chunks 0..11; the vector leg ranks them the other way round. */
    private static final List<ScoredChunk> KEYWORD = IntStream.range(0, 12)
            .mapToObj(i -> new ScoredChunk(CHUNKS.get(i), 12 - i))
            .toList();

    private static final List<ScoredChunk> VECTOR = IntStream.range(0, 12)
            .mapToObj(i -> new ScoredChunk(CHUNKS.get(11 - i), 1 - i / 100.0))
            .toList();
    private static final RetrievalRequest REQUEST =
            new RetrievalRequest("chunk", SearchFilter.collection("default"), 3, RetrievalMode.HYBRID);

    private final ReciprocalRankFusion fusion = new ReciprocalRankFusion();

    @Test
    void thePassThroughDefaultReturnsFusionsTopK() {
        HybridRetriever retriever =
                new HybridRetriever(new StubIndex(), new StubEmbeddings(), fusion, RetrievalSettings.defaults());

        List<RetrievedChunk> top = retriever.retrieve(REQUEST, Tracer.noop());

        assertThat(top)
                .isEqualTo(
                        fusion.fuse(List.of(new RankedLeg("bm25", 1, KEYWORD), new RankedLeg("vector", 1, VECTOR)), 3));
    }

    @Test
    void aRerankerSeesAsManyFusedCandidatesAsItAsksForAndChoosesTheTopK() {
        List<Integer> seen = new ArrayList<>();
        Reranker lastFirst = new Reranker() {
            @Override
            public List<RetrievedChunk> rerank(String query, List<RetrievedChunk> candidates, int limit) {
                seen.add(candidates.size());
                return candidates.reversed().subList(0, limit);
            }

            @Override
            public int candidates(int limit) {
                return limit * 3;
            }
        };
        HybridRetriever retriever = new HybridRetriever(
                new StubIndex(), new StubEmbeddings(), fusion, lastFirst, RetrievalSettings.defaults());

        List<RetrievedChunk> top = retriever.retrieve(REQUEST, Tracer.noop());

        List<RetrievedChunk> fused =
                fusion.fuse(List.of(new RankedLeg("bm25", 1, KEYWORD), new RankedLeg("vector", 1, VECTOR)), 9);
        assertThat(seen).containsExactly(9);
        assertThat(top).containsExactly(fused.get(8), fused.get(7), fused.get(6));
    }

    @Test
    void everyStepIsASpanRerankingLast() {
        RecordingTracer tracer = new RecordingTracer();

        new HybridRetriever(new StubIndex(), new StubEmbeddings(), RetrievalSettings.defaults())
                .retrieve(REQUEST, tracer);

        assertThat(tracer.spans())
                .extracting(RecordingTracer.RecordedSpan::name)
                .containsExactly("bm25", "embed_query", "vector", "fuse", "rerank");
        assertThat(tracer.spans().getLast().attributes())
                .containsEntry("candidates", 3L)
                .containsEntry("returned", 3L);
    }

    @Test
    void eachLegSaysHowManyItAskedForAndFoundItsBestScoreAndTheNamesOfTheFiltersNotTheirValues() {
        RecordingTracer tracer = new RecordingTracer();
        RetrievalRequest filtered = new RetrievalRequest(
                "chunk",
                SearchFilter.collection("default")
                        .withSources(Set.of("ana.berg@example.com.txt"))
                        .withLanguages(Set.of("nb"))
                        .withIngestedBetween(Optional.of(Instant.EPOCH), Optional.empty()),
                3,
                RetrievalMode.HYBRID);

        new HybridRetriever(new StubIndex(), new StubEmbeddings(), RetrievalSettings.defaults())
                .retrieve(filtered, tracer);

        RecordingTracer.RecordedSpan bm25 = tracer.spans().getFirst();
        RecordingTracer.RecordedSpan vector = tracer.spans().get(2);
        int depth = RetrievalSettings.defaults().candidatesPerLeg(); // more than top_k 3: fusion needs depth
        assertThat(bm25.attributes())
                .containsEntry("verity.retrieval.k", (long) depth)
                .containsEntry("verity.retrieval.hits", (long) Math.min(depth, 12))
                .containsEntry("verity.retrieval.top_score", 12.0)
                .containsEntry("verity.retrieval.filters", "sources,languages,ingested_after");
        assertThat(vector.name()).isEqualTo("vector");
        assertThat(vector.attributes()).containsEntry("verity.retrieval.top_score", 1.0);
        assertThat(tracer.spans())
                .flatExtracting(s -> s.attributes().values())
                .noneMatch(
                        v -> v.toString().contains("ana.berg") || v.toString().equals("nb"));
    }

    @Test
    void aSingleLegIsRerankedToo() {
        RecordingTracer tracer = new RecordingTracer();
        RetrievalRequest keyword =
                new RetrievalRequest("chunk", SearchFilter.collection("default"), 2, RetrievalMode.KEYWORD);

        List<RetrievedChunk> top = new HybridRetriever(
                        new StubIndex(), new StubEmbeddings(), RetrievalSettings.defaults())
                .retrieve(keyword, tracer);

        assertThat(top).extracting(r -> r.chunk().id()).containsExactly("doc_1-v1-0000", "doc_1-v1-0001");
        assertThat(tracer.spans())
                .extracting(RecordingTracer.RecordedSpan::name)
                .containsExactly("bm25", "rerank");
    }

    private static final class StubIndex implements Index {
        @Override
        public List<ScoredChunk> keywordSearch(String query, SearchFilter filter, int k) {
            return KEYWORD.subList(0, Math.min(k, KEYWORD.size()));
        }

        @Override
        public List<ScoredChunk> vectorSearch(float[] vector, SearchFilter filter, int k) {
            return VECTOR.subList(0, Math.min(k, VECTOR.size()));
        }

        @Override
        public void replaceDocument(String documentId, List<IndexedChunk> chunks) {}

        @Override
        public void deleteDocument(String documentId) {}

        @Override
        public void commit() {}

        @Override
        public Optional<IndexedDocument> document(String documentId) {
            return Optional.empty();
        }

        @Override
        public List<IndexedChunk> chunks(String documentId) {
            return List.of();
        }

        @Override
        public List<QueryTerm> analyze(String text) {
            return List.of();
        }

        @Override
        public long chunkCount() {
            return CHUNKS.size();
        }

        @Override
        public List<IndexedDocument> documents() {
            return List.of();
        }

        @Override
        public long version() {
            return 1;
        }

        @Override
        public void close() {}
    }

    private static final class StubEmbeddings implements EmbeddingModel {
        @Override
        public String id() {
            return "stub";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public TokenCounter tokenCounter() {
            return TokenCounter.whitespace();
        }

        @Override
        public float[] embedQuery(String query) {
            return new float[] {1, 0};
        }

        @Override
        public List<float[]> embedPassages(List<String> passages) {
            return passages.stream().map(p -> new float[] {1, 0}).toList();
        }
    }
}
