package dev.verity.idempotency;

import dev.verity.identity.Caller;
import dev.verity.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Remembers responses by the client's {@code Idempotency-Key}. Implementations: {@code JdbcIdempotencyStore} in
 * {@code verity-jdbc}.
 *
 * <p>Use: {@link #claim} before doing the work; on {@link Claim.Fresh} do it and {@link #complete} (or
 * {@link #release} when it failed, so a retry may try again); on {@link Claim.Done} return the stored response.
 *
 * <p>Keys belong to their caller ({@link Key}: tenant, actor and the client's key): two callers sending the same
 * {@code Idempotency-Key} never share a response, nor learn that the other used it.
 */
public interface IdempotencyStore {

    /**
     * A client's key as the store knows it: scoped to the caller who sent it.
     *
     * @param tenant the caller's tenant
     * @param actor the caller's actor ({@code key:<id>}, {@code local}, …; see {@link Caller#actor()})
     * @param value the {@code Idempotency-Key} the client sent
     */
    record Key(String tenant, String actor, String value) {
        public Key {
            Checks.nonBlank(tenant, "tenant");
            Checks.nonBlank(actor, "actor");
            Checks.nonBlank(value, "value");
        }

        /** {@code value} as sent by {@code caller}. */
        public static Key of(Caller caller, String value) {
            return new Key(caller.tenant(), caller.actor(), value);
        }
    }

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
    Claim claim(Key key, String requestHash, Duration ttl);

    /** Stores the response of a reserved key. */
    void complete(Key key, int status, String response);

    /** Frees a reserved key whose request failed, so that a retry runs again. */
    void release(Key key);
}
