package dev.verity.runs;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run did on its way to the answer, beyond what its indexed columns say: the caller's filters, the evidence
 * retrieved with each leg's rank and score, the route by difficulty, every provider attempt and every guard verdict.
 * Kept as one JSON text column by the database store; nothing queries inside it.
 *
 * @param filters the metadata filters the caller asked for (their own request, so names and values)
 * @param evidence the chunks retrieved, best first
 * @param route where the question was routed by difficulty; empty when routing is off
 * @param attempts every model call made, in the order they ended (retries and repairs included)
 * @param guards every guard verdict, question first
 */
public record RunDetail(
        Filters filters,
        List<Evidence> evidence,
        Optional<RouteTaken> route,
        List<Attempt> attempts,
        List<GuardCheck> guards) {
    /** A run that says nothing beyond its columns, e.g. one recorded before details were kept. */
    public static final RunDetail NONE = new RunDetail(Filters.NONE, List.of(), Optional.empty(), List.of(), List.of());

    public RunDetail {
        Objects.requireNonNull(filters, "filters");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(route, "route");
        attempts = List.copyOf(attempts);
        guards = List.copyOf(guards);
    }

    /**
     * The metadata filters of the question; empty lists for filters not asked.
     *
     * @param sources source paths or prefixes
     * @param mediaTypes media types
     * @param languages language codes
     * @param ingestedFrom documents ingested at or after
     * @param ingestedTo documents ingested before
     */
    public record Filters(
            List<String> sources,
            List<String> mediaTypes,
            List<String> languages,
            Optional<Instant> ingestedFrom,
            Optional<Instant> ingestedTo) {
        public static final Filters NONE =
                new Filters(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());

        public Filters {
            sources = sources.stream().sorted().toList();
            mediaTypes = mediaTypes.stream().sorted().toList();
            languages = languages.stream().sorted().toList();
            Objects.requireNonNull(ingestedFrom, "ingestedFrom");
            Objects.requireNonNull(ingestedTo, "ingestedTo");
        }

        public boolean isEmpty() {
            return equals(NONE);
        }
    }

    /**
     * A retrieved chunk.
     *
     * @param chunkId the chunk's id
     * @param documentId its document's id
     * @param score the fused score
     * @param legs per leg ({@code keyword}, {@code vector}) its rank (1-based) and score
     */
    public record Evidence(String chunkId, String documentId, double score, Map<String, Leg> legs) {
        public Evidence {
            Checks.nonBlank(chunkId, "chunkId");
            Checks.nonBlank(documentId, "documentId");
            legs = Map.copyOf(legs);
        }
    }

    /** A leg's rank (1-based) and score for one chunk. */
    public record Leg(int rank, double score) {}

    /**
     * The difficulty route taken.
     *
     * @param tier {@code easy} or {@code hard}
     * @param score the difficulty score in [0, 1]
     * @param signals the features that added to it
     */
    public record RouteTaken(String tier, double score, List<String> signals) {
        public RouteTaken {
            Checks.nonBlank(tier, "tier");
            signals = List.copyOf(signals);
        }
    }

    /**
     * One model call (an {@code llm_call} span).
     *
     * @param attempt 1-based within its step
     * @param provider the provider's name, e.g. {@code openai}; empty string when the span did not say
     * @param model the model asked (or that answered)
     * @param result {@code ok} or the failure's kind code, e.g. {@code timeout}
     * @param ms wall milliseconds
     * @param inputTokens input tokens the call reported (0 when it failed)
     * @param outputTokens output tokens the call reported
     */
    public record Attempt(
            int attempt, String provider, String model, String result, long ms, long inputTokens, long outputTokens) {
        public Attempt {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
            Checks.nonBlank(result, "result");
        }
    }

    /**
     * A guard's verdict.
     *
     * @param step {@code guard_question} or {@code guard_answer}
     * @param guard the guard's name
     * @param action what it did: {@code allow}, {@code flag}, {@code block}…
     * @param labels why, e.g. {@code injection}; empty when allowed
     */
    public record GuardCheck(String step, String guard, String action, List<String> labels) {
        public GuardCheck {
            Checks.nonBlank(step, "step");
            Objects.requireNonNull(guard, "guard");
            Checks.nonBlank(action, "action");
            labels = List.copyOf(labels);
        }
    }
}
