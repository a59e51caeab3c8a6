package dev.verity.app.server;

import dev.verity.internal.Hashing;
import dev.verity.idempotency.IdempotencyStore;
import dev.verity.idempotency.IdempotencyStore.Claim;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an {@code Idempotency-Key}: the first request with a key runs and its response is stored; a repeat with the
 * same key and the same request gets the stored response (same trace id) without running again; the same key with a
 * different request is refused (422), and a repeat while the first is still running is refused (409).
 */
final class Idempotency {
    /** How long a key is remembered: long enough for any client's retries. */
    static final Duration TTL = Duration.ofHours(24);

    private Idempotency() {}

    /** The request as canonical JSON, hashed: what "the same request" means. */
    static String hash(JsonMapper json, String endpoint, Object body) {
        return Hashing.sha256(endpoint + "\n" + json.writeValueAsString(body));
    }

    /**
     * Runs {@code work} once per key. {@code key} may be null or blank: then there is no idempotency and the work
     * simply runs.
     */
    static <T> T apply(IdempotencyStore store, JsonMapper json, String key, String requestHash, Class<T> type,
            Supplier<T> work) {
        if (key == null || key.isBlank()) {
            return work.get();
        }
        if (key.length() > 255) {
            throw new IllegalArgumentException("Idempotency-Key must be at most 255 characters, got " + key.length());
        }
        Claim claim = store.claim(key, requestHash, TTL);
        return switch (claim) {
            case Claim.Done done -> json.readValue(done.response(), type);
            case Claim.Mismatch mismatch -> throw new ConflictException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "the Idempotency-Key \"" + key + "\" was already used for a different request; use a new key");
            case Claim.InProgress progress -> throw new ConflictException(HttpStatus.CONFLICT,
                    "a request with the Idempotency-Key \"" + key + "\" is still being processed; retry shortly");
            case Claim.Fresh fresh -> {
                try {
                    T result = work.get();
                    store.complete(key, 200, json.writeValueAsString(result));
                    yield result;
                } catch (RuntimeException e) {
                    store.release(key);
                    throw e;
                }
            }
        };
    }
}
