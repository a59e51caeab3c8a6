package dev.verity.app.assembly;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.verity.generation.answer.Answer;
import dev.verity.query.AnswerCache;
import java.time.Duration;
import java.util.Optional;

/**
 * The answer cache in this process's memory: bounded, least recently used first out, each answer kept for a time to
 * live. Replicas each keep their own; a shared cache would be another {@link AnswerCache}.
 */
final class CaffeineAnswerCache implements AnswerCache {
    private final Cache<String, Answer> answers;

    CaffeineAnswerCache(Duration ttl, long maxEntries) {
        this(ttl, maxEntries, Ticker.systemTicker());
    }

    /** Measures the time to live on {@code ticker}: tests move it to prove expiry without sleeping. */
    CaffeineAnswerCache(Duration ttl, long maxEntries, Ticker ticker) {
        this.answers = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .ticker(ticker)
                .build();
    }

    @Override
    public Optional<Answer> get(String key) {
        return Optional.ofNullable(answers.getIfPresent(key));
    }

    @Override
    public void put(String key, Answer answer) {
        answers.put(key, answer);
    }
}
