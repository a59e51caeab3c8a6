package dev.verity.retrieval;

import dev.verity.index.SearchFilter;
import dev.verity.internal.Checks;
import java.util.Objects;

/**
 * @param query the user's question or search text
 * @param filter collection, access and metadata restrictions, applied inside the index
 * @param topK how many chunks to return
 * @param mode which legs run
 */
public record RetrievalRequest(String query, SearchFilter filter, int topK, RetrievalMode mode) {
    /**
     * The most chunks one request may ask for. Deeper than any answer needs ({@code QueryRequest.MAX_TOP_K}): evaluation
     * ranks a hundred documents, and a document may have several chunks.
     */
    public static final int MAX_TOP_K = 1_000;

    public RetrievalRequest {
        Checks.nonBlank(query, "query");
        Objects.requireNonNull(filter, "filter");
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be in 1.." + MAX_TOP_K + ", got " + topK);
        }
        Objects.requireNonNull(mode, "mode");
    }
}
