package dev.verity.retrieval.hybrid;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.index.Index;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.retrieval.fusion.Fusion;
import dev.verity.retrieval.fusion.RankedLeg;
import dev.verity.retrieval.fusion.ReciprocalRankFusion;
import dev.verity.retrieval.rerank.Reranker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link Retriever}:
 *
 * <ol>
 *   <li>BM25 leg: keyword search of the query, filter applied inside the index ({@code bm25} timing).
 *   <li>Vector leg: the query is embedded ({@code embed_query}) and its nearest neighbours searched with the same
 *       filter inside the index ({@code vector}).
 *   <li>Fusion of both ranked lists, reciprocal rank fusion by default ({@code fuse}), as deep as the reranker asks
 *       ({@link Reranker#candidates(int)}).
 *   <li>Reranking of the fused candidates down to {@code topK} ({@code rerank}); pass-through by default.
 * </ol>
 *
 * In {@link RetrievalMode#KEYWORD} or {@link RetrievalMode#VECTOR} mode only that leg runs and its own scores are kept;
 * the reranker still chooses among its hits. Each step is a span of the tracer, named as in parentheses above.
 */
public final class HybridRetriever implements Retriever {
    private final Index index;
    private final EmbeddingModel embeddings;
    private final Fusion fusion;
    private final Reranker reranker;
    private final RetrievalSettings settings;

    public HybridRetriever(Index index, EmbeddingModel embeddings, RetrievalSettings settings) {
        this(index, embeddings, new ReciprocalRankFusion(settings.rrfK()), settings);
    }

    public HybridRetriever(Index index, EmbeddingModel embeddings, Fusion fusion, RetrievalSettings settings) {
        this(index, embeddings, fusion, Reranker.passThrough(), settings);
    }

    public HybridRetriever(
            Index index, EmbeddingModel embeddings, Fusion fusion, Reranker reranker, RetrievalSettings settings) {
        this.index = Objects.requireNonNull(index, "index");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.fusion = Objects.requireNonNull(fusion, "fusion");
        this.reranker = Objects.requireNonNull(reranker, "reranker");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<RetrievedChunk> retrieve(RetrievalRequest request, Tracer tracer) {
        int candidates = Math.max(request.topK(), reranker.candidates(request.topK()));
        int depth = Math.max(settings.candidatesPerLeg(), candidates);
        List<RankedLeg> legs = new ArrayList<>(2);
        String filters = filterNames(request.filter());
        if (request.mode().usesKeyword()) {
            List<ScoredChunk> hits;
            try (Tracer.Span span = tracer.start("bm25")) {
                hits = index.keywordSearch(request.query(), request.filter(), depth);
                describeLeg(span, depth, hits, filters);
            }
            legs.add(new RankedLeg(KEYWORD_LEG, settings.keywordWeight(), hits));
        }
        if (request.mode().usesVector()) {
            float[] vector = tracer.inSpan("embed_query", () -> embeddings.embedQuery(request.query()));
            List<ScoredChunk> hits;
            try (Tracer.Span span = tracer.start("vector")) {
                hits = index.vectorSearch(vector, request.filter(), depth);
                describeLeg(span, depth, hits, filters);
            }
            legs.add(new RankedLeg(VECTOR_LEG, settings.vectorWeight(), hits));
        }
        List<RetrievedChunk> fused;
        if (legs.size() == 1) {
            RankedLeg leg = legs.getFirst();
            fused = new ArrayList<>();
            int rank = 0;
            for (ScoredChunk hit :
                    leg.hits().subList(0, Math.min(candidates, leg.hits().size()))) {
                rank++;
                fused.add(new RetrievedChunk(
                        hit.chunk(), hit.score(), Map.of(leg.name(), new LegHit(rank, hit.score())), hit.verdict()));
            }
        } else {
            fused = tracer.inSpan("fuse", () -> fusion.fuse(legs, candidates));
        }
        try (Tracer.Span span = tracer.start("rerank")) {
            span.attribute("candidates", fused.size());
            List<RetrievedChunk> chosen = reranker.rerank(request.query(), fused, request.topK());
            span.attribute("returned", chosen.size());
            return chosen;
        }
    }

    /**
     * A retrieval leg's span attributes: how many it asked for, found, the best score, and which metadata filters
     * applied (their names, never their values: a source name or a principal may be personal data).
     */
    private static void describeLeg(Tracer.Span span, int k, List<ScoredChunk> hits, String filters) {
        span.attribute("verity.retrieval.k", k).attribute("verity.retrieval.hits", hits.size());
        if (!hits.isEmpty()) {
            span.attribute("verity.retrieval.top_score", hits.getFirst().score());
        }
        if (!filters.isEmpty()) {
            span.attribute("verity.retrieval.filters", filters);
        }
    }

    /** The names of the optional filters in use, comma-separated, e.g. {@code sources,languages}; empty for none. */
    static String filterNames(SearchFilter filter) {
        List<String> names = new ArrayList<>(5);
        if (!filter.sources().isEmpty()) {
            names.add("sources");
        }
        if (!filter.mediaTypes().isEmpty()) {
            names.add("media_types");
        }
        if (!filter.languages().isEmpty()) {
            names.add("languages");
        }
        if (filter.ingestedFrom().isPresent()) {
            names.add("ingested_after");
        }
        if (filter.ingestedTo().isPresent()) {
            names.add("ingested_before");
        }
        return String.join(",", names);
    }
}
