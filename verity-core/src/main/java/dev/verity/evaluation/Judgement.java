package dev.verity.evaluation;

import dev.verity.generation.provider.TokenUsage;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A judge's grades of one answer, each in [0, 1].
 *
 * @param faithfulness the share of the answer's claims supported by the cited contexts; empty for an abstention
 * @param relevance how well the answer addresses the question
 * @param correctness agreement with the reference answer; empty when there is no reference
 * @param claims the claims the answer was split into, each with whether the contexts support it
 * @param judge {@link AnswerJudge#id()} of the judge that graded
 * @param usage tokens the judge's model calls used
 * @param costUsd what they cost, 0 when no price is configured
 */
public record Judgement(
        OptionalDouble faithfulness,
        double relevance,
        OptionalDouble correctness,
        List<Claim> claims,
        String judge,
        TokenUsage usage,
        double costUsd) {

    /** One claim of the answer and whether the cited contexts support it. */
    public record Claim(String text, boolean supported) {}

    public Judgement {
        Objects.requireNonNull(faithfulness, "faithfulness");
        Objects.requireNonNull(correctness, "correctness");
        claims = List.copyOf(claims);
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(usage, "usage");
        check(faithfulness, "faithfulness");
        check(OptionalDouble.of(relevance), "relevance");
        check(correctness, "correctness");
    }

    private static void check(OptionalDouble score, String name) {
        if (score.isPresent() && !(score.getAsDouble() >= 0 && score.getAsDouble() <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + score.getAsDouble());
        }
    }
}
