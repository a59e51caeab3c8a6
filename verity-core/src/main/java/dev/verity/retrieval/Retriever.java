package dev.verity.retrieval;

import dev.verity.observability.Tracer;
import dev.verity.retrieval.hybrid.HybridRetriever;
import java.util.List;

/**
 * Finds the chunks most likely to answer a query, among those the filter allows. Implementations:
 * {@link HybridRetriever}.
 *
 * <p>Contract: at most {@code topK} chunks, best first, no chunk twice, none outside the filter. Each step runs in a
 * span of {@code tracer} ({@link Tracer#noop()} when nobody listens).
 */
public interface Retriever {
    String KEYWORD_LEG = "bm25";
    String VECTOR_LEG = "vector";

    List<RetrievedChunk> retrieve(RetrievalRequest request, Tracer tracer);
}
