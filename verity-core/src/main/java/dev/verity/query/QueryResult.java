package dev.verity.query;

import dev.verity.generation.answer.Answer;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.observability.RecordingTracer;
import dev.verity.retrieval.RetrievedChunk;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to a query and how it was reached.
 *
 * @param answer the verified answer (or abstention, or refusal)
 * @param traceId identifies this request in logs and traces: 32 lower-case hex characters
 * @param timingsMs wall milliseconds per step, in the order they ended
 * @param evidence the chunks retrieved, best first (all visible to the caller); empty when the question was refused
 * @param droppedCitations citations removed by verification
 * @param cached true when the answer came from the answer cache (it then cost nothing)
 * @param refusal the blocking verdict of the question or answer guard; empty unless the answer is a refusal
 *     ({@link Answer#REFUSAL_MESSAGE})
 * @param citedWithoutVectors ids of cited chunks that had no vector yet (indexed moments ago, embedding behind): found
 *     by keyword only, so an answer by meaning may have missed passages like them
 * @param spans the request's steps as traced, in the order they ended (the root span {@code query} last): names,
 *     durations and attributes (never document text), for run records and metrics
 */
public record QueryResult(
        Answer answer,
        String traceId,
        Map<String, Long> timingsMs,
        List<RetrievedChunk> evidence,
        int droppedCitations,
        boolean cached,
        Optional<GuardVerdict> refusal,
        Set<String> citedWithoutVectors,
        List<RecordingTracer.RecordedSpan> spans) {
    public QueryResult {
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(refusal, "refusal");
        citedWithoutVectors = Set.copyOf(citedWithoutVectors);
        spans = List.copyOf(spans);
    }

    public QueryResult(
            Answer answer,
            String traceId,
            Map<String, Long> timingsMs,
            List<RetrievedChunk> evidence,
            int droppedCitations,
            boolean cached,
            Optional<GuardVerdict> refusal,
            Set<String> citedWithoutVectors) {
        this(answer, traceId, timingsMs, evidence, droppedCitations, cached, refusal, citedWithoutVectors, List.of());
    }

    /** How a question ended, in the words of metrics and run records. */
    public enum Outcome {
        /** Answered with verified citations by the generator asked. */
        ANSWERED,
        /** The evidence was too weak (or every citation failed verification): no answer was given. */
        ABSTAINED,
        /** Answered (or abstained) by a fallback because the generator asked failed, timed out or was over budget. */
        DEGRADED,
        /** A guard refused the question or the answer. */
        BLOCKED;

        /** The lower-case name used as a label value and in JSON. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Blocked before degraded before abstained: a refusal is what the caller saw, whatever answered first. */
    public Outcome outcome() {
        if (refusal.isPresent()) {
            return Outcome.BLOCKED;
        }
        if (answer.generation().degraded()) {
            return Outcome.DEGRADED;
        }
        return answer.abstained() ? Outcome.ABSTAINED : Outcome.ANSWERED;
    }

    public QueryResult(
            Answer answer,
            String traceId,
            Map<String, Long> timingsMs,
            List<RetrievedChunk> evidence,
            int droppedCitations,
            boolean cached,
            Optional<GuardVerdict> refusal) {
        this(answer, traceId, timingsMs, evidence, droppedCitations, cached, refusal, Set.of());
    }

    /** True when a cited passage had no vector yet. */
    public boolean partiallyEmbedded() {
        return !citedWithoutVectors.isEmpty();
    }

    public QueryResult(
            Answer answer,
            String traceId,
            Map<String, Long> timingsMs,
            List<RetrievedChunk> evidence,
            int droppedCitations,
            boolean cached) {
        this(answer, traceId, timingsMs, evidence, droppedCitations, cached, Optional.empty());
    }

    public QueryResult(
            Answer answer, String traceId, Map<String, Long> timingsMs, List<RetrievedChunk> evidence, int dropped) {
        this(answer, traceId, timingsMs, evidence, dropped, false);
    }
}
