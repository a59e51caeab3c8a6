package dev.verity.query;

import dev.verity.generation.answer.Answer;
import java.util.Optional;

/**
 * Verified answers by an exact key (normalised question, collection, filters, the caller's principals, index version,
 * generator fingerprint: see {@code QueryService}), each kept for a time to live. Only answers that are neither
 * degraded nor streamed mid-failure are put. Implementations are thread-safe.
 */
public interface AnswerCache {

    Optional<Answer> get(String key);

    void put(String key, Answer answer);

    /** A cache that keeps nothing. */
    static AnswerCache none() {
        return new AnswerCache() {
            @Override
            public Optional<Answer> get(String key) {
                return Optional.empty();
            }

            @Override
            public void put(String key, Answer answer) {}
        };
    }
}
