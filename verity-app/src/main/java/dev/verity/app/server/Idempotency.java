package dev.verity.app.server;

import dev.verity.idempotency.IdempotentRequests;
import dev.verity.identity.Caller;
import dev.verity.internal.Hashing;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an {@code Idempotency-Key} to a request of the HTTP API ({@link IdempotentRequests}), storing responses as
 * JSON: a repeat with the same key and the same request gets the stored response (same trace id) without running
 * again; the same key with a different request is refused (422), and a repeat while the first is still running is
 * refused (409).
 */
final class Idempotency {
    private Idempotency() {}

    /** The request as canonical JSON, hashed: what "the same request" means. */
    static String hash(JsonMapper json, String endpoint, Object body) {
        return Hashing.sha256(endpoint + "\n" + json.writeValueAsString(body));
    }

    /**
     * Runs {@code work} once per key. {@code key} may be null or blank: then there is no idempotency and the work
     * simply runs. Keys belong to {@code caller}: the same key from another caller is another key.
     */
    static <T> T apply(
            IdempotentRequests requests,
            JsonMapper json,
            Caller caller,
            String key,
            String requestHash,
            Class<T> type,
            Supplier<T> work) {
        return requests.apply(
                caller, key, requestHash, work, json::writeValueAsString, stored -> json.readValue(stored, type));
    }
}
