package dev.verity.conversation;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One question of a conversation and its answer, as stored.
 *
 * @param conversationId the conversation it belongs to
 * @param seq its number in the conversation: 1 for the first question, then 2, 3… without gaps
 * @param question the question as the caller typed it
 * @param standaloneQuestion the question retrieval and generation used: {@code question} rewritten to stand on its
 *     own ({@link QuestionCondenser}), or {@code question} itself
 * @param condensedBy which condenser produced {@code standaloneQuestion}: {@link QuestionCondenser#NONE},
 *     {@link QuestionCondenser#RULES} or {@link QuestionCondenser#LLM}
 * @param answer the answer's text (an abstention's text too)
 * @param traceId the trace id of the answer
 * @param generator what wrote the answer, e.g. {@code extractive} or {@code llm}
 * @param createdAt when the turn was stored
 */
public record Turn(
        String conversationId,
        int seq,
        String question,
        String standaloneQuestion,
        String condensedBy,
        String answer,
        String traceId,
        String generator,
        Instant createdAt) {

    public Turn {
        Checks.nonBlank(conversationId, "conversationId");
        Checks.positive(seq, "seq");
        Checks.nonBlank(question, "question");
        Checks.nonBlank(standaloneQuestion, "standaloneQuestion");
        Checks.nonBlank(condensedBy, "condensedBy");
        Objects.requireNonNull(answer, "answer");
        Checks.nonBlank(traceId, "traceId");
        Checks.nonBlank(generator, "generator");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A turn before the store gives it its number. */
    public record Draft(
            String question,
            String standaloneQuestion,
            String condensedBy,
            String answer,
            String traceId,
            String generator,
            Instant createdAt) {

        /** The stored turn: this draft numbered {@code seq} in {@code conversationId}. */
        public Turn numbered(String conversationId, int seq) {
            return new Turn(
                    conversationId,
                    seq,
                    question,
                    standaloneQuestion,
                    condensedBy,
                    answer,
                    traceId,
                    generator,
                    createdAt);
        }
    }
}
