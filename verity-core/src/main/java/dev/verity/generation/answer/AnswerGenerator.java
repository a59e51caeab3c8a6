package dev.verity.generation.answer;

import dev.verity.observability.StepTimings;
import dev.verity.retrieval.RetrievedChunk;
import java.util.List;

/**
 * Writes an answer to a question from retrieved evidence, citing it, or abstains when the evidence is weak.
 * Implementations: {@link ExtractiveAnswerGenerator} (no model, the offline default).
 *
 * <p>Contract: every citation quotes a chunk from {@code evidence}; an abstention is returned, not thrown.
 */
public interface AnswerGenerator {

    Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings);

    /**
     * Generates while passing the answer's text to {@code listener} as it is written. Generators that cannot stream
     * (the extractive one) deliver the whole text as one delta once it is known.
     */
    default Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings,
            AnswerListener listener) {
        Answer answer = generate(question, evidence, timings);
        listener.onDelta(answer.text());
        return answer;
    }

    /**
     * Generates following a plan made for this question: its difficulty route and prompt experiment arm. Generators
     * without a model ignore the plan.
     */
    default Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings,
            AnswerListener listener, GenerationPlan plan) {
        return generate(question, evidence, timings, listener);
    }

    /**
     * Everything besides question and evidence that decides this generator's answer under {@code plan}: model,
     * prompt version, settings. Part of answer-cache keys, so a change of any of them never serves a stale answer.
     */
    default String fingerprint(GenerationPlan plan) {
        return getClass().getName();
    }
}
