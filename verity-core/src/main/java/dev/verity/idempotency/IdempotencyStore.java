package dev.verity.idempotency;

import java.time.Duration;
import java.util.Objects;

/**
 * Remembers responses by the client's {@code Idempotency-Key}. Implementations: {@code JdbcIdempotencyStore} in
 * {@code verity-jdbc}.
 *
 * <p>Use: {@link #claim} before doing the work; on {@link Claim.Fresh} do it and {@link #complete} (or
 * {@link #release} when it failed, so a retry may try again); on {@link Claim.Done} return the stored response.
 */
public interface IdempotencyStore {

    /** What a key's claim found. */
    sealed interface Claim {
        /** The key is new and now reserved for this request. */
        record Fresh() implements Claim {}

        /** The same request is still being processed under this key. */
        record InProgress() implements Claim {}

        /** The key was used for a different request. */
        record Mismatch() implements Claim {}

        /** The request was answered before: this is its response. */
        record Done(int status, String response) implements Claim {
            public Done {
                Objects.requireNonNull(response, "response");
            }
        }
    }

    /**
     * Reserves {@code key} for the request with this hash, or reports what it holds. Keys older than {@code ttl} are
     * forgotten first.
     */
    Claim claim(String key, String requestHash, Duration ttl);

    /** Stores the response of a reserved key. */
    void complete(String key, int status, String response);

    /** Frees a reserved key whose request failed, so that a retry runs again. */
    void release(String key);
}
