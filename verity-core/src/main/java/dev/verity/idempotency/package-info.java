/**
 * Safe retries of writes: {@link dev.verity.idempotency.IdempotencyStore} remembers the response given for a client's
 * {@code Idempotency-Key}, so a retried upload or question is answered once. A key belongs to the caller who sent it
 * ({@link dev.verity.idempotency.IdempotencyStore.Key}: tenant, actor and the key): another caller's same key is
 * another key, so callers never see each other's responses.
 *
 * <pre>{@code
 * IdempotencyStore.Key key = IdempotencyStore.Key.of(caller, idempotencyKeyHeader);
 * switch (store.claim(key, requestHash, Duration.ofHours(24))) {
 *     case Claim.Fresh f -> { Response r = work(); store.complete(key, r.status(), r.body()); }
 *     case Claim.Done d -> replay(d);
 *     ...
 * }
 * }</pre>
 *
 * <p>The trap: release the claim when the work fails ({@link dev.verity.idempotency.IdempotencyStore#release}),
 * otherwise the client's retry is refused as still in progress.
 */
@NullMarked
package dev.verity.idempotency;

import org.jspecify.annotations.NullMarked;
