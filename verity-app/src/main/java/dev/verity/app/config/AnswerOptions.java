package dev.verity.app.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How answers are produced beyond which models exist: the answer cache, routing by difficulty and the answer prompt's
 * version and A/B test. Read from the {@code answers:} section of {@code VERITY_CONFIG} (see {@link LlmConfig}).
 *
 * @param cacheTtl how long an answer is served again for the same question; zero turns the cache off
 * @param cacheMaxEntries most answers kept; the least recently used go first
 * @param routing easy questions to a cheap model and hard ones to a strong one, on the first provider
 * @param promptVersion the answer prompt's version; empty means the newest shipped
 * @param candidateVersion an answer prompt version tried on {@code candidateShare} of questions
 * @param candidateShare the share of questions for the candidate, in [0, 1]
 */
public record AnswerOptions(
        Duration cacheTtl,
        long cacheMaxEntries,
        Optional<Routing> routing,
        OptionalInt promptVersion,
        OptionalInt candidateVersion,
        double candidateShare) {

    /** A ten-minute cache of up to 10,000 answers; no routing; the newest prompt. */
    public static final AnswerOptions DEFAULTS = new AnswerOptions(
            Duration.ofMinutes(10), 10_000, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), 0);

    /**
     * @param easyModel the cheap model, for questions scoring below {@code threshold}
     * @param hardModel the strong model
     * @param threshold the difficulty score at and above which a question is hard, in (0, 1]
     */
    public record Routing(String easyModel, String hardModel, double threshold) {
        public Routing {
            Objects.requireNonNull(easyModel, "easyModel");
            Objects.requireNonNull(hardModel, "hardModel");
        }
    }

    public AnswerOptions {
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(candidateVersion, "candidateVersion");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("answers.cache.ttl_seconds must be >= 0, got " + cacheTtl.toSeconds());
        }
        if (!(candidateShare >= 0 && candidateShare <= 1)) {
            throw new IllegalArgumentException(
                    "answers.prompt.candidate_share must be in [0, 1], got " + candidateShare);
        }
        if (candidateVersion.isPresent() != candidateShare > 0) {
            throw new IllegalArgumentException("answers.prompt: an A/B test needs both candidate (a prompt version)"
                    + " and candidate_share (above 0)");
        }
    }

    public boolean cacheEnabled() {
        return !cacheTtl.isZero();
    }
}
