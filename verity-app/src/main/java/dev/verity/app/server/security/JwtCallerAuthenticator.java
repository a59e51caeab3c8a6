package dev.verity.app.server.security;

import dev.verity.app.config.SecurityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator;
import dev.verity.identity.Principals;
import dev.verity.identity.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * JWT bearer tokens from the configured OIDC provider ({@link SecurityConfig.Oidc}), verified by Spring Security's
 * {@link NimbusJwtDecoder}: signature against the provider's JWKS (RSA and EC algorithms; {@code alg: none} and
 * unknown {@code kid}s are refused), issuer, audience, expiry and not-before (60 seconds of clock skew).
 *
 * <p>Claims map to the {@link Caller}: the tenant claim (absent: the default tenant), the principals claim plus
 * {@code user:<sub>} (values that are not valid principals are dropped, which can only narrow what the caller sees),
 * the scopes claim ({@code query} or {@code verity:query}; other scopes such as {@code openid} are ignored), and the
 * actor {@code jwt:<issuer>#<sub>}.
 *
 * <p>A credential that is not shaped like a JWT is not this authenticator's: it returns empty so the API keys can
 * answer. One that is shaped like a JWT and fails verification is an {@link AuthenticationException}.
 */
public final class JwtCallerAuthenticator implements CallerAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtCallerAuthenticator.class);

    private final SecurityConfig.Oidc oidc;
    private final JwtDecoder decoder;

    public JwtCallerAuthenticator(SecurityConfig.Oidc oidc) {
        this.oidc = oidc;
        NimbusJwtDecoder nimbus = oidc.jwksUri()
                .map(uri -> NimbusJwtDecoder.withJwkSetUri(uri.toString())
                        .jwsAlgorithms(algorithms -> algorithms.addAll(EnumSet.of(
                                SignatureAlgorithm.RS256,
                                SignatureAlgorithm.RS384,
                                SignatureAlgorithm.RS512,
                                SignatureAlgorithm.PS256,
                                SignatureAlgorithm.PS384,
                                SignatureAlgorithm.PS512,
                                SignatureAlgorithm.ES256,
                                SignatureAlgorithm.ES384,
                                SignatureAlgorithm.ES512)))
                        .build())
                .orElseGet(
                        () -> NimbusJwtDecoder.withIssuerLocation(oidc.issuer()).build());
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(oidc.issuer()), new JwtAudienceValidator(oidc.audience())));
        this.decoder = nimbus;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (!looksLikeJwt(bearerToken)) {
            return Optional.empty();
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(bearerToken);
        } catch (JwtValidationException invalid) {
            String reason = reason(invalid.getErrors());
            throw new AuthenticationException(
                    reason,
                    "the token was refused (" + reason.replace('_', ' ')
                            + "): ask your identity provider for a new one");
        } catch (JwtException bad) {
            String reason = reason(bad.getMessage());
            LOG.debug("JWT refused: {}", bad.getMessage());
            if (reason.equals("keys_unavailable")) {
                LOG.warn("the signing keys of {} could not be fetched: {}", oidc.issuer(), bad.getMessage());
                throw new AuthenticationException(
                        reason,
                        "the token could not be verified: the identity provider's"
                                + " signing keys are unavailable, try again later");
            }
            throw new AuthenticationException(
                    reason,
                    "the token was refused (" + reason.replace('_', ' ') + "): send a token signed by "
                            + oidc.issuer());
        }
        return Optional.of(caller(jwt));
    }

    private Caller caller(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("invalid_claims", "the token has no sub claim");
        }
        Set<String> principals = new TreeSet<>();
        addPrincipal(principals, "user:" + subject);
        values(jwt.getClaim(oidc.principalsClaim())).forEach(p -> addPrincipal(principals, p));
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String value : values(jwt.getClaim(oidc.scopesClaim()))) {
            scope(value).ifPresent(scopes::add);
        }
        Object tenantClaim = jwt.getClaim(oidc.tenantClaim());
        String tenant = tenantClaim == null || tenantClaim.toString().isBlank()
                ? DocumentIds.DEFAULT_TENANT
                : tenantClaim.toString().strip();
        return new Caller(tenant, principals, scopes, "jwt:" + oidc.issuer() + "#" + subject);
    }

    private static void addPrincipal(Set<String> principals, String value) {
        try {
            principals.add(Principals.normalise(value));
        } catch (IllegalArgumentException invalid) {
            LOG.debug("principal dropped from a token: {}", invalid.getMessage());
        }
    }

    /** A claim as a list of strings: a JSON array, or one string split on spaces and commas. */
    private static List<String> values(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        return List.of(claim.toString().split("[\\s,]+")).stream()
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@code query}, {@code verity:query}, {@code verity.query} or {@code verity/query}; anything else is not ours. */
    private static Optional<Scope> scope(String value) {
        String code = value.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("verity:", "verity.", "verity/")) {
            if (code.startsWith(prefix)) {
                code = code.substring(prefix.length());
                break;
            }
        }
        for (Scope scope : Scope.values()) {
            if (scope.code().equals(code)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** Three base64url parts, the first a JSON header: a JWT (signed or not), not an API key. */
    static boolean looksLikeJwt(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            return header.strip().startsWith("{");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static String reason(Collection<OAuth2Error> errors) {
        for (OAuth2Error error : errors) {
            String description = String.valueOf(error.getDescription());
            if (description.contains("expired")) {
                return "expired";
            }
            if (description.contains("used before")) {
                return "not_yet_valid";
            }
            if (description.contains("iss")) {
                return "wrong_issuer";
            }
            if (description.contains("aud")) {
                return "wrong_audience";
            }
        }
        return "invalid_claims";
    }

    private static String reason(String message) {
        String m = String.valueOf(message);
        if (m.contains("Expired JWT") || m.contains("expired")) {
            return "expired";
        }
        if (m.contains("before use time") || m.contains("used before")) {
            return "not_yet_valid";
        }
        if (m.contains("Invalid signature")) {
            return "bad_signature";
        }
        if (m.contains("no matching key")) {
            return "unknown_key_id";
        }
        if (m.contains("Unsupported algorithm") || m.contains("algorithm")) {
            return "unsupported_algorithm";
        }
        if (m.contains("Couldn't retrieve remote JWK set") || m.contains("JWK")) {
            return "keys_unavailable";
        }
        return "malformed";
    }
}
