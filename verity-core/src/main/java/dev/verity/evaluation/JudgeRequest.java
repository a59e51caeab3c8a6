package dev.verity.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer to grade.
 *
 * @param question the question as asked
 * @param answer the answer text; for an abstention, the abstention message
 * @param abstained whether the system declined to answer
 * @param contexts the passages the answer cites (their full chunk text), in citation order
 * @param reference the reference answer, when the dataset has one (needed for correctness)
 */
public record JudgeRequest(
        String question, String answer, boolean abstained, List<String> contexts, Optional<String> reference) {
    public JudgeRequest {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        contexts = List.copyOf(contexts);
        Objects.requireNonNull(reference, "reference");
    }
}
