package dev.verity.retrieval.hybrid;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.index.Index;
import dev.verity.index.ScoredChunk;
import dev.verity.observability.StepTimings;
import dev.verity.retrieval.fusion.Fusion;
import dev.verity.retrieval.fusion.RankedLeg;
import dev.verity.retrieval.fusion.ReciprocalRankFusion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.Retriever;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievedChunk;

/**
 * The default {@link Retriever}:
 *
 * <ol>
 *   <li>BM25 leg: keyword search of the query, filter applied inside the index ({@code bm25} timing).
 *   <li>Vector leg: the query is embedded ({@code embed_query}) and its nearest neighbours searched with the same
 *       filter inside the index ({@code vector}).
 *   <li>Fusion of both ranked lists, reciprocal rank fusion by default ({@code fuse}).
 * </ol>
 *
 * In {@link RetrievalMode#KEYWORD} or {@link RetrievalMode#VECTOR} mode only that leg runs and its own scores are kept.
 */
public final class HybridRetriever implements Retriever {
    private final Index index;
    private final EmbeddingModel embeddings;
    private final Fusion fusion;
    private final RetrievalSettings settings;

    public HybridRetriever(Index index, EmbeddingModel embeddings, RetrievalSettings settings) {
        this(index, embeddings, new ReciprocalRankFusion(settings.rrfK()), settings);
    }

    public HybridRetriever(Index index, EmbeddingModel embeddings, Fusion fusion, RetrievalSettings settings) {
        this.index = Objects.requireNonNull(index, "index");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.fusion = Objects.requireNonNull(fusion, "fusion");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<RetrievedChunk> retrieve(RetrievalRequest request, StepTimings timings) {
        int depth = Math.max(settings.candidatesPerLeg(), request.topK());
        List<RankedLeg> legs = new ArrayList<>(2);
        if (request.mode().usesKeyword()) {
            List<ScoredChunk> hits =
                    timings.time("bm25", () -> index.keywordSearch(request.query(), request.filter(), depth));
            legs.add(new RankedLeg(KEYWORD_LEG, settings.keywordWeight(), hits));
        }
        if (request.mode().usesVector()) {
            float[] vector = timings.time("embed_query", () -> embeddings.embedQuery(request.query()));
            List<ScoredChunk> hits = timings.time("vector", () -> index.vectorSearch(vector, request.filter(), depth));
            legs.add(new RankedLeg(VECTOR_LEG, settings.vectorWeight(), hits));
        }
        if (legs.size() == 1) {
            RankedLeg leg = legs.getFirst();
            List<RetrievedChunk> single = new ArrayList<>();
            int rank = 0;
            for (ScoredChunk hit : leg.hits().subList(0, Math.min(request.topK(), leg.hits().size()))) {
                rank++;
                single.add(new RetrievedChunk(hit.chunk(), hit.score(), Map.of(leg.name(), new LegHit(rank, hit.score()))));
            }
            return single;
        }
        return timings.time("fuse", () -> fusion.fuse(legs, request.topK()));
    }
}
