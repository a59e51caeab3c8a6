/**
 * Identity: who a request acts as ({@link dev.verity.identity.Caller}: tenant, principals, scopes, actor), what it may
 * do ({@link dev.verity.identity.Scope}), and the one rule for comparing principals
 * ({@link dev.verity.identity.Principals}). Authentication plugs in behind
 * {@link dev.verity.identity.CallerAuthenticator}; principals and tenant come from it, never from a request body
 * (only a caller with {@code impersonate} may name principals).
 *
 * <pre>{@code
 * Caller caller = authenticator.authenticate(bearer).orElseThrow();
 * if (!caller.has(Scope.QUERY)) { ... 403 ... }
 * SearchFilter filter = new SearchFilter(caller.tenant(), "handbook", caller.principals(), ...);
 * }</pre>
 */
@NullMarked
package dev.verity.identity;

import org.jspecify.annotations.NullMarked;
