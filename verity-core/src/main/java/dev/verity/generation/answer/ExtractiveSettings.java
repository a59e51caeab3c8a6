package dev.verity.generation.answer;

import dev.verity.internal.Checks;

/**
 * How the extractive answerer picks sentences and when it abstains. The defaults were calibrated on the golden set
 * shipped in {@code samples/golden.jsonl} with bge-small-en-v1.5 (see {@code docs/adr/0004-extractive-answers.md}).
 *
 * @param evidenceChunks how many of the top retrieved chunks are read for sentences
 * @param candidateSentences how many sentences, pre-ranked by keyword coverage, are scored with embeddings
 * @param semanticFloor cosine similarity mapped to a semantic score of 0 (what unrelated text reaches)
 * @param semanticCeiling cosine similarity mapped to 1 (what a paraphrase of the question reaches)
 * @param semanticWeight weight of the semantic score; phrase matches get 0.15 and keyword coverage the rest
 * @param answerThreshold the lowest combined score that is answered; below it the answerer abstains
 * @param maxSentences most sentences in one answer
 */
public record ExtractiveSettings(
        int evidenceChunks,
        int candidateSentences,
        double semanticFloor,
        double semanticCeiling,
        double semanticWeight,
        double answerThreshold,
        int maxSentences) {

    public ExtractiveSettings {
        Checks.positive(evidenceChunks, "evidenceChunks");
        Checks.positive(candidateSentences, "candidateSentences");
        Checks.positive(maxSentences, "maxSentences");
        if (!(semanticFloor < semanticCeiling)) {
            throw new IllegalArgumentException(
                    "semanticFloor must be below semanticCeiling, got " + semanticFloor + " and " + semanticCeiling);
        }
        if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
            throw new IllegalArgumentException("semanticWeight must be in [0, 1], got " + semanticWeight);
        }
        if (!(answerThreshold >= 0 && answerThreshold <= 1)) {
            throw new IllegalArgumentException("answerThreshold must be in [0, 1], got " + answerThreshold);
        }
    }

    /** Calibrated for bge-small-en-v1.5 (int8). */
    public static ExtractiveSettings defaults() {
        return new ExtractiveSettings(6, 16, 0.50, 0.85, 0.55, 0.24, 2);
    }

    public ExtractiveSettings withAnswerThreshold(double threshold) {
        return new ExtractiveSettings(
                evidenceChunks,
                candidateSentences,
                semanticFloor,
                semanticCeiling,
                semanticWeight,
                threshold,
                maxSentences);
    }
}
