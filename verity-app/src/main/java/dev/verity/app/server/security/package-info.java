/**
 * Who is asking, on the HTTP side: a stateless Spring Security filter chain ({@code WebSecurity}) resolves
 * {@code Authorization: Bearer <token>} through the API keys ({@link dev.verity.app.server.security.KeyAuthentication})
 * and then the OIDC provider's JWTs ({@link dev.verity.app.server.security.JwtCallerAuthenticator}) into a
 * {@link dev.verity.identity.Caller}; controllers receive it as a {@link dev.verity.app.server.security.CurrentCaller}
 * parameter that names the scope the endpoint needs. Principals named in a request go through
 * {@link dev.verity.app.server.security.Impersonation}. Also here: CORS (closed by default), the Host allowlist
 * against DNS rebinding, and the security headers.
 *
 * <p>Authentication is required as soon as a key is active or OIDC is configured, and always beyond loopback; a
 * loopback server without either treats every request as {@link dev.verity.identity.Caller#local}.
 *
 * <pre>{@code
 * @PostMapping("/v1/query")
 * Object query(@CurrentCaller(Scope.QUERY) Caller caller, @RequestBody QueryBody body) {
 *     Caller acting = Impersonation.resolve(caller, body.principals(), "POST /v1/query"); // 403 without impersonate
 *     ...
 * }
 * }</pre>
 */
@NullMarked
package dev.verity.app.server.security;

import org.jspecify.annotations.NullMarked;
