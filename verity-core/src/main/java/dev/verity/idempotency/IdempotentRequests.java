package dev.verity.idempotency;

import dev.verity.idempotency.IdempotencyStore.Claim;
import dev.verity.identity.Caller;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a request at most once per {@code Idempotency-Key}: the first request with a key runs and its response is
 * stored; a repeat with the same key and the same request gets the stored response without running again; the same key
 * with a different request, or a repeat while the first still runs, is refused with an
 * {@link IdempotencyConflictException}. A request that fails frees its key, so a retry runs again. A key belongs to the
 * caller who sent it (tenant and actor): the same key from another caller is another key.
 *
 * <pre>{@code
 * AnswerView view = requests.apply(caller, key, hash, () -> answer(question), json::write, s -> json.read(s, AnswerView.class));
 * }</pre>
 */
public final class IdempotentRequests {
    /** How long a key is remembered: long enough for any client's retries. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** Longest key accepted. */
    public static final int MAX_KEY_LENGTH = 255;
    /** The status stored with a response: the caller decides the status it answers with. */
    private static final int STORED_STATUS = 200;

    private final IdempotencyStore store;
    private final Duration ttl;

    public IdempotentRequests(IdempotencyStore store, Duration ttl) {
        this.store = Objects.requireNonNull(store, "store");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * Runs {@code work} once per key. {@code key} may be null or blank: then there is no idempotency and the work
     * simply runs.
     *
     * @param caller who sends the key: keys of different callers never meet
     * @param requestHash what "the same request" means: a hash of the request's canonical form
     * @param write the response as the text to store
     * @param read a stored response back
     * @throws IllegalArgumentException when the key is longer than {@value #MAX_KEY_LENGTH} characters
     * @throws IdempotencyConflictException when the key was used for another request or its request still runs
     */
    public <T> T apply(
            Caller caller,
            String key,
            String requestHash,
            Supplier<T> work,
            Function<T, String> write,
            Function<String, T> read) {
        if (key == null || key.isBlank()) {
            return work.get();
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
        IdempotencyStore.Key scoped = IdempotencyStore.Key.of(Objects.requireNonNull(caller, "caller"), key);
        return switch (store.claim(scoped, requestHash, ttl)) {
            case Claim.Done done -> read.apply(done.response());
            case Claim.Mismatch mismatch ->
                throw new IdempotencyConflictException(
                        false,
                        "the Idempotency-Key \"" + key + "\" was already used for a different request; use a new key");
            case Claim.InProgress progress ->
                throw new IdempotencyConflictException(
                        true,
                        "a request with the Idempotency-Key \"" + key + "\" is still being processed; retry shortly");
            case Claim.Fresh fresh -> {
                try {
                    T result = work.get();
                    store.complete(scoped, STORED_STATUS, write.apply(result));
                    yield result;
                } catch (RuntimeException e) {
                    store.release(scoped);
                    throw e;
                }
            }
        };
    }
}
