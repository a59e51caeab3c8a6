package dev.verity.llm.resilience;

import dev.verity.generation.provider.ProviderException;
import dev.verity.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard Verity tries before it falls back.
 *
 * @param totalTimeout the longest a call may take, all attempts and the waits between them included; each attempt
 *     gets what is left
 * @param firstTokenTimeout for streaming: the longest wait for the first piece of text
 * @param maxAttempts attempts per call, the first included; only retriable failures are retried
 * @param initialBackoff wait before the first retry; doubles per retry, with ±50 % jitter
 * @param maxBackoff the longest wait between attempts
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a provider asking for more fails at once instead
 * @param failureThreshold failures among the last calls of a provider and model that open its circuit
 * @param openDuration how long an open circuit fails fast before letting a trial call through
 * @param maxConcurrentCalls calls in flight per provider; more fail at once (bulkhead)
 */
public record ResilienceSettings(
        Duration totalTimeout,
        Duration firstTokenTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int failureThreshold,
        Duration openDuration,
        int maxConcurrentCalls) {

    public ResilienceSettings {
        positive(totalTimeout, "totalTimeout");
        positive(firstTokenTimeout, "firstTokenTimeout");
        Checks.positive(maxAttempts, "maxAttempts");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Checks.positive(failureThreshold, "failureThreshold");
        positive(openDuration, "openDuration");
        Checks.positive(maxConcurrentCalls, "maxConcurrentCalls");
    }

    /**
     * 30 s per call (10 s to the first token), up to 3 attempts within it from 250 ms backoff up to 4 s, Retry-After honoured up
     * to 10 s, a circuit that opens after 5 failures of the last 10 calls for 30 s, 32 calls in flight.
     */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                3,
                Duration.ofMillis(250),
                Duration.ofSeconds(4),
                Duration.ofSeconds(10),
                5,
                Duration.ofSeconds(30),
                32);
    }

    public ResilienceSettings withTotalTimeout(Duration timeout) {
        return new ResilienceSettings(
                timeout,
                firstTokenTimeout.compareTo(timeout) > 0 ? timeout : firstTokenTimeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxRetryAfter,
                failureThreshold,
                openDuration,
                maxConcurrentCalls);
    }

    /**
     * How long to wait after attempt {@code attempt} (1 for the first) failed with {@code failure} before the next
     * one: the provider's {@code Retry-After} when it sent one, else {@link #backoff(int)}. Empty when there must be no
     * next attempt: the failure is not retriable, this was the last attempt, or the provider asks for a longer wait
     * than {@code maxRetryAfter}.
     */
    public Optional<Duration> retryDelay(int attempt, ProviderException failure) {
        if (!failure.retriable() || attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            return asked.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(asked);
        }
        return Optional.of(backoff(attempt));
    }

    /**
     * The wait after attempt {@code attempt} failed: exponential from {@code initialBackoff}, capped at
     * {@code maxBackoff}, with ±50 % jitter so that clients do not retry in lockstep.
     */
    public Duration backoff(int attempt) {
        long base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 30));
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(base * jitter)));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
