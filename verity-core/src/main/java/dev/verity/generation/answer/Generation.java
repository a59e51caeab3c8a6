package dev.verity.generation.answer;

import dev.verity.generation.prompt.PromptRef;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.generation.routing.Route;
import java.util.Objects;
import java.util.Optional;

/**
 * How an answer was produced: which generator, model and prompt, what it cost, and whether it is a fallback.
 *
 * @param generator {@link #EXTRACTIVE}, {@link #LLM}, or {@link #GUARD} when a guard refused the question before any
 *     generator ran
 * @param model the model that wrote the answer; empty for extractive answers
 * @param prompt the prompt id and version; empty for extractive answers
 * @param usage tokens of every model call made for this answer, repairs and failed attempts included
 * @param costUsd what those calls cost by the configured price table; 0 when no price is known
 * @param degraded true when a fallback produced the answer because the preferred generator failed
 * @param degradedReason why, e.g. {@code timeout}, {@code circuit_open}, {@code invalid_output}; empty unless degraded
 * @param droppedCitations citations the model gave that were dropped: naming a source that was not in the context,
 *     or quoting words the source does not hold
 * @param route where the question was routed by difficulty; empty when routing is off
 */
public record Generation(
        String generator,
        Optional<String> model,
        Optional<PromptRef> prompt,
        TokenUsage usage,
        double costUsd,
        boolean degraded,
        Optional<String> degradedReason,
        int droppedCitations,
        Optional<Route> route) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";
    public static final String GUARD = "guard";

    public Generation {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(degradedReason, "degradedReason");
        Objects.requireNonNull(route, "route");
        if (droppedCitations < 0) {
            throw new IllegalArgumentException("droppedCitations must be >= 0, got " + droppedCitations);
        }
        if (degraded != degradedReason.isPresent()) {
            throw new IllegalArgumentException("a degraded answer needs a reason and only it has one, got degraded="
                    + degraded + " reason=" + degradedReason);
        }
    }

    /** An extractive answer, as the offline default gives it. */
    public static Generation extractive() {
        return new Generation(
                EXTRACTIVE,
                Optional.empty(),
                Optional.empty(),
                TokenUsage.NONE,
                0,
                false,
                Optional.empty(),
                0,
                Optional.empty());
    }

    /** No generator ran: a guard refused the question first. Nothing was spent. */
    public static Generation refusedQuestion() {
        return new Generation(
                GUARD,
                Optional.empty(),
                Optional.empty(),
                TokenUsage.NONE,
                0,
                false,
                Optional.empty(),
                0,
                Optional.empty());
    }

    /** A model's answer before any failure or citation check. */
    public static Generation llm(String model, PromptRef prompt, TokenUsage usage) {
        return new Generation(
                LLM, Optional.of(model), Optional.of(prompt), usage, 0, false, Optional.empty(), 0, Optional.empty());
    }

    public Generation withCost(double usd) {
        return new Generation(generator, model, prompt, usage, usd, degraded, degradedReason, droppedCitations, route);
    }

    public Generation withDroppedCitations(int dropped) {
        return new Generation(generator, model, prompt, usage, costUsd, degraded, degradedReason, dropped, route);
    }

    /** The same provenance marked as a fallback, keeping the usage and cost already spent on failed attempts. */
    public Generation degraded(String reason, TokenUsage spent, double spentUsd) {
        return new Generation(
                generator,
                model,
                prompt,
                usage.plus(spent),
                costUsd + spentUsd,
                true,
                Optional.of(reason),
                droppedCitations,
                route);
    }

    /** The same provenance with the route the question took. */
    public Generation withRoute(Route taken) {
        return new Generation(
                generator,
                model,
                prompt,
                usage,
                costUsd,
                degraded,
                degradedReason,
                droppedCitations,
                Optional.of(taken));
    }

    /** The same provenance, costing nothing: an answer served again from the cache. */
    public Generation reused() {
        return new Generation(
                generator, model, prompt, TokenUsage.NONE, 0, degraded, degradedReason, droppedCitations, route);
    }
}
