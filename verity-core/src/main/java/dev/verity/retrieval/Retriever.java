package dev.verity.retrieval;

import dev.verity.observability.StepTimings;
import java.util.List;
import dev.verity.retrieval.hybrid.HybridRetriever;

/**
 * Finds the chunks most likely to answer a query, among those the filter allows. Implementations:
 * {@link HybridRetriever}.
 *
 * <p>Contract: at most {@code topK} chunks, best first, no chunk twice, none outside the filter.
 */
public interface Retriever {
    String KEYWORD_LEG = "bm25";
    String VECTOR_LEG = "vector";

    List<RetrievedChunk> retrieve(RetrievalRequest request, StepTimings timings);
}
