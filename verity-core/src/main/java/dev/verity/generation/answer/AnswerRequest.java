package dev.verity.generation.answer;

import dev.verity.internal.Checks;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.RetrievedChunk;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link AnswerGenerator} answers from.
 *
 * @param question the question, standalone (a follow-up is condensed before it gets here)
 * @param evidence the retrieved chunks, best first; may be empty (the generator then abstains)
 * @param plan the difficulty route and prompt experiment arm chosen for this question; generators without a model
 *     ignore it
 * @param tracer where the generator's steps are traced ({@code extract}, {@code llm}…); {@link Tracer#noop()} when
 *     nobody listens
 */
public record AnswerRequest(String question, List<RetrievedChunk> evidence, GenerationPlan plan, Tracer tracer) {
    public AnswerRequest {
        Checks.nonBlank(question, "question");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(tracer, "tracer");
    }

    /** A request under the default plan, traced nowhere. */
    public static AnswerRequest of(String question, List<RetrievedChunk> evidence) {
        return new AnswerRequest(question, evidence, GenerationPlan.DEFAULT, Tracer.noop());
    }

    public AnswerRequest withPlan(GenerationPlan newPlan) {
        return new AnswerRequest(question, evidence, newPlan, tracer);
    }

    public AnswerRequest withTracer(Tracer newTracer) {
        return new AnswerRequest(question, evidence, plan, newTracer);
    }
}
