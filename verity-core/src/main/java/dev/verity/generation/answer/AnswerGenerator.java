package dev.verity.generation.answer;

/**
 * Writes an answer to a question from retrieved evidence, citing it, or abstains when the evidence is weak.
 * Implementations: {@link ExtractiveAnswerGenerator} (no model, the offline default), {@link FallbackAnswerGenerator}
 * (a chain: the first generator that does not fail answers), {@code dev.verity.llm.answer.LlmAnswerGenerator} (a
 * language model, in verity-llm).
 *
 * <p>Contract: every citation quotes a chunk from the request's evidence; an abstention is returned, not thrown; no
 * evidence means an abstention; the listener receives the answer's text (a generator that cannot stream delivers it
 * as one delta once it is known) and, when what it streamed is not the final text, a reset followed by the final
 * text. Failures of a model ({@code ProviderException}, {@link GenerationException}) are thrown, so that a fallback
 * can take over.
 *
 * <pre>{@code
 * Answer answer = generator.generate(AnswerRequest.of(question, evidence), AnswerListener.none());
 * }</pre>
 */
public interface AnswerGenerator {

    /**
     * Generates an answer while passing its text to {@code listener} as it is written; pass
     * {@link AnswerListener#none()} when nobody streams, never {@code null}.
     */
    Answer generate(AnswerRequest request, AnswerListener listener);

    /**
     * Everything besides question and evidence that decides this generator's answer under {@code plan}: model,
     * prompt version, settings. Part of answer-cache keys, so a change of any of them never serves a stale answer.
     */
    default String fingerprint(GenerationPlan plan) {
        return getClass().getName();
    }
}
