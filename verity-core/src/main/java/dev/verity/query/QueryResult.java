package dev.verity.query;

import dev.verity.generation.answer.Answer;
import dev.verity.retrieval.RetrievedChunk;
import java.util.List;
import java.util.Map;

/**
 * The answer to a query and how it was reached.
 *
 * @param answer the verified answer (or abstention)
 * @param traceId identifies this request in logs and traces: 32 lower-case hex characters
 * @param timingsMs wall milliseconds per step, in the order they ran
 * @param evidence the chunks retrieved, best first (all visible to the caller)
 * @param droppedCitations citations removed by verification
 */
public record QueryResult(
        Answer answer, String traceId, Map<String, Long> timingsMs, List<RetrievedChunk> evidence, int droppedCitations) {
    public QueryResult {
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
        evidence = List.copyOf(evidence);
    }
}
