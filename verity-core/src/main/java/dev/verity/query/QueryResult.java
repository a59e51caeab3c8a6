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
 * @param cached true when the answer came from the answer cache (it then cost nothing)
 */
public record QueryResult(
        Answer answer,
        String traceId,
        Map<String, Long> timingsMs,
        List<RetrievedChunk> evidence,
        int droppedCitations,
        boolean cached) {
    public QueryResult {
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
        evidence = List.copyOf(evidence);
    }

    public QueryResult(
            Answer answer, String traceId, Map<String, Long> timingsMs, List<RetrievedChunk> evidence, int dropped) {
        this(answer, traceId, timingsMs, evidence, dropped, false);
    }
}
