package dev.verity.runs;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one answer run: who asked what, what was answered, by which generator, from which sources, at what
 * cost and how fast. One per question answered (cached answers and refusals included); written by the query service
 * after the answer is returned.
 *
 * @param runId the request's trace id (32 lower-case hex characters), so a run, its log line and its trace meet
 * @param at when the answer was returned
 * @param tenant the caller's tenant
 * @param collection the collection asked
 * @param principals the caller's principals, sorted; empty for an anonymous caller
 * @param question the question as answered (a follow-up already condensed)
 * @param answer the answer's text (or the abstention or refusal message)
 * @param abstained true for an abstention or a refusal
 * @param cached true when the answer came from the answer cache
 * @param generator {@code extractive}, {@code llm} or {@code guard}
 * @param model the model that wrote the answer; empty for extractive answers
 * @param prompt the prompt as {@code id@version}, with {@code /arm} while an experiment runs; empty without a model
 * @param degradedReason why a fallback answered; empty unless degraded
 * @param refusedBy the guard that refused the question or the answer; empty unless refused
 * @param citations the cited chunks, strongest first
 * @param inputTokens model input tokens spent on this answer
 * @param outputTokens model output tokens spent on this answer
 * @param costUsd what those tokens cost by the price table
 * @param timingsMs wall milliseconds per step, as the answer reported them
 * @param actor who asked, as the audit log names callers ({@code key:<id>}, {@code jwt:...}, {@code local})
 * @param outcome {@code answered}, {@code abstained}, {@code degraded} or {@code blocked} (see {@link #OUTCOMES})
 * @param detail filters, evidence, route, attempts and guard verdicts
 * @param feedback the caller's verdict on the answer, the latest one; empty until given
 */
public record AnswerRun(
        String runId,
        Instant at,
        String tenant,
        String collection,
        List<String> principals,
        String question,
        String answer,
        boolean abstained,
        boolean cached,
        String generator,
        Optional<String> model,
        Optional<String> prompt,
        Optional<String> degradedReason,
        Optional<String> refusedBy,
        List<Cited> citations,
        long inputTokens,
        long outputTokens,
        double costUsd,
        Map<String, Long> timingsMs,
        String actor,
        String outcome,
        RunDetail detail,
        Optional<Feedback> feedback) {
    /** How a run can end, in the words of metrics and {@code QueryResult.Outcome}. */
    public static final List<String> OUTCOMES = List.of("answered", "abstained", "degraded", "blocked");

    public AnswerRun {
        Checks.nonBlank(runId, "runId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tenant, "tenant");
        Checks.nonBlank(collection, "collection");
        principals = principals.stream().sorted().toList();
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Checks.nonBlank(generator, "generator");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(degradedReason, "degradedReason");
        Objects.requireNonNull(refusedBy, "refusedBy");
        citations = List.copyOf(citations);
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must be >= 0, got input=" + inputTokens + " output=" + outputTokens);
        }
        if (!(costUsd >= 0)) {
            throw new IllegalArgumentException("costUsd must be >= 0, got " + costUsd);
        }
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
        Checks.nonBlank(actor, "actor");
        checkOutcome(outcome);
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(feedback, "feedback");
    }

    /**
     * A run with no actor ({@code local}), no detail and no feedback; its outcome read from its columns (refused →
     * blocked, then degraded, abstained, answered).
     */
    public AnswerRun(
            String runId,
            Instant at,
            String tenant,
            String collection,
            List<String> principals,
            String question,
            String answer,
            boolean abstained,
            boolean cached,
            String generator,
            Optional<String> model,
            Optional<String> prompt,
            Optional<String> degradedReason,
            Optional<String> refusedBy,
            List<Cited> citations,
            long inputTokens,
            long outputTokens,
            double costUsd,
            Map<String, Long> timingsMs) {
        this(
                runId,
                at,
                tenant,
                collection,
                principals,
                question,
                answer,
                abstained,
                cached,
                generator,
                model,
                prompt,
                degradedReason,
                refusedBy,
                citations,
                inputTokens,
                outputTokens,
                costUsd,
                timingsMs,
                "local",
                refusedBy.isPresent()
                        ? "blocked"
                        : degradedReason.isPresent() ? "degraded" : abstained ? "abstained" : "answered",
                RunDetail.NONE,
                Optional.empty());
    }

    /** This run with {@code feedback} in place of any given before. */
    public AnswerRun withFeedback(Feedback given) {
        return new AnswerRun(
                runId,
                at,
                tenant,
                collection,
                principals,
                question,
                answer,
                abstained,
                cached,
                generator,
                model,
                prompt,
                degradedReason,
                refusedBy,
                citations,
                inputTokens,
                outputTokens,
                costUsd,
                timingsMs,
                actor,
                outcome,
                detail,
                Optional.of(given));
    }

    /** What a run shows in place of its answer to a viewer who may not read the documents it drew on. */
    public static final String WITHHELD =
            "[withheld: this answer drew on documents you may not read; ask its caller or the data folder's operator]";

    /**
     * This run without what it drew from documents: the answer replaced by {@link #WITHHELD}, no citations, evidence or
     * filters (a filter may name a file). Who asked, the question, outcome, model, cost, timings, attempts, guard
     * verdicts and feedback stay.
     */
    public AnswerRun withheld() {
        return new AnswerRun(
                runId,
                at,
                tenant,
                collection,
                principals,
                question,
                WITHHELD,
                abstained,
                cached,
                generator,
                model,
                prompt,
                degradedReason,
                refusedBy,
                List.of(),
                inputTokens,
                outputTokens,
                costUsd,
                timingsMs,
                actor,
                outcome,
                new RunDetail(RunDetail.Filters.NONE, List.of(), detail.route(), detail.attempts(), detail.guards()),
                feedback);
    }

    /** This run asked by {@code by}, ending as {@code how}, with {@code what} it did on the way. */
    public AnswerRun with(String by, String how, RunDetail what) {
        return new AnswerRun(
                runId,
                at,
                tenant,
                collection,
                principals,
                question,
                answer,
                abstained,
                cached,
                generator,
                model,
                prompt,
                degradedReason,
                refusedBy,
                citations,
                inputTokens,
                outputTokens,
                costUsd,
                timingsMs,
                by,
                how,
                what,
                feedback);
    }

    /** Throws unless {@code outcome} is one of {@link #OUTCOMES}. */
    public static String checkOutcome(String outcome) {
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + OUTCOMES + ", got '" + outcome + "'");
        }
        return outcome;
    }

    /**
     * A cited chunk.
     *
     * @param documentId the document's id
     * @param chunkId the chunk's id
     */
    public record Cited(String documentId, String chunkId) {
        public Cited {
            Checks.nonBlank(documentId, "documentId");
            Checks.nonBlank(chunkId, "chunkId");
        }
    }
}
