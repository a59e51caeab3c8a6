package dev.verity.generation.answer;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link AnswerGenerator} returns. An abstention is an answer too: {@code abstained} is true, the text says
 * the documents do not answer the question, and the citations are the closest passages found.
 *
 * @param text the answer, or the abstention message
 * @param abstained true when the evidence was too weak to answer
 * @param confidence how well the evidence supports the answer, in [0, 1]
 * @param citations the supporting passages, strongest first (for an abstention: the closest ones)
 * @param generation which generator, model and prompt produced it, its cost, and whether it is a fallback
 */
public record Answer(
        String text, boolean abstained, double confidence, List<Citation> citations, Generation generation) {
    public static final String ABSTENTION_MESSAGE =
            "The documents do not answer this question. The closest passages found are listed as sources.";
    public static final String NO_EVIDENCE_MESSAGE =
            "The documents do not answer this question: nothing you may access matched it.";

    /** The text of an answer a guard refused: it says what happened and nothing of why (the verdict has that). */
    public static final String REFUSAL_MESSAGE = "This question cannot be answered here: a guard refused it.";

    public Answer {
        Objects.requireNonNull(text, "text");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        citations = List.copyOf(citations);
        Objects.requireNonNull(generation, "generation");
    }

    /** An extractive answer. */
    public Answer(String text, boolean abstained, double confidence, List<Citation> citations) {
        this(text, abstained, confidence, citations, Generation.extractive());
    }

    public static Answer abstain(String message, double confidence, List<Citation> closest) {
        return new Answer(message, true, confidence, closest);
    }

    /**
     * A refusal: an abstention with {@link #REFUSAL_MESSAGE}, no citations (a refused answer must not leak its sources
     * either) and {@code generation}, so that what was spent before the refusal stays on record.
     */
    public static Answer refusal(Generation generation) {
        return new Answer(REFUSAL_MESSAGE, true, 0, List.of(), generation);
    }

    public Answer withGeneration(Generation newGeneration) {
        return new Answer(text, abstained, confidence, citations, newGeneration);
    }

    public Answer withCitations(List<Citation> newCitations) {
        return new Answer(text, abstained, confidence, newCitations, generation);
    }
}
