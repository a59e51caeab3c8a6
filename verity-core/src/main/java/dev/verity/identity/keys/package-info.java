/**
 * API keys: the credentials a team's backends and scripts send as {@code Authorization: Bearer vrt_<id>_<secret>}.
 * {@link dev.verity.identity.keys.ApiKeys} creates, lists, revokes and rotates them and authenticates requests (it is
 * a {@link dev.verity.identity.CallerAuthenticator}); {@link dev.verity.identity.keys.ApiKeyStore} keeps them, with
 * only a salted PBKDF2 hash of each secret. The secret is shown once, at creation or rotation.
 *
 * <pre>{@code
 * ApiKeys keys = new ApiKeys(new InMemoryApiKeyStore(), new InMemoryAuditLog(), Clock.systemUTC());
 * ApiKeys.Issued issued = keys.create("intranet", "default", Set.of("group:staff"), Set.of(Scope.QUERY),
 *         Optional.empty(), "local");
 * keys.authenticate(issued.secret());            // Caller[tenant=default, principals=[group:staff], …, actor=key:…]
 * keys.revoke(issued.key().id(), "local");
 * keys.authenticate(issued.secret());            // AuthenticationException, reason "revoked"
 * }</pre>
 */
@NullMarked
package dev.verity.identity.keys;

import org.jspecify.annotations.NullMarked;
