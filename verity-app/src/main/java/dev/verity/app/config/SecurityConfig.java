package dev.verity.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code verity serve} authenticates callers and which browsers and host names it answers, read once at the edge
 * from the environment and the {@code security:} section of the {@code VERITY_CONFIG} file (the environment wins).
 *
 * <pre>{@code
 * security:
 *   oidc: {issuer: https://id.example.com/realms/acme, audience: verity, principals_claim: groups}
 *   cors_origins: [https://intranet.example.com]
 *   allowed_hosts: [verity.internal:8080]
 * }</pre>
 *
 * @param oidc the identity provider whose JWTs are accepted as bearer tokens, if any
 * @param corsOrigins the browser origins allowed to call the API from another page ({@code https://host[:port]});
 *     empty: none (CORS closed)
 * @param allowedHosts extra {@code Host} header values accepted besides the loopback names ({@code name} or
 *     {@code name:port}), for a server reached through a proxy or a name of its own
 * @param rateLimits questions per minute and model tokens per day, per key and per tenant ({@link RateLimitSettings})
 */
public record SecurityConfig(
        Optional<Oidc> oidc, List<String> corsOrigins, List<String> allowedHosts, RateLimitSettings rateLimits) {

    /** No identity provider, no CORS origin, no extra host name: a loopback server for its own machine. */
    public static final SecurityConfig NONE = new SecurityConfig(Optional.empty(), List.of(), List.of());

    /** Without rate limits. */
    public SecurityConfig(Optional<Oidc> oidc, List<String> corsOrigins, List<String> allowedHosts) {
        this(oidc, corsOrigins, allowedHosts, RateLimitSettings.UNLIMITED);
    }

    public SecurityConfig {
        Objects.requireNonNull(oidc, "oidc");
        Objects.requireNonNull(rateLimits, "rateLimits");
        corsOrigins = List.copyOf(corsOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        for (String origin : corsOrigins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException("VERITY_CORS_ORIGINS: an origin is scheme://host[:port] without a"
                        + " path, e.g. https://intranet.example.com, got \"" + origin + "\"");
            }
        }
    }

    /** {@code scheme://host[:port]}: http or https, a host, and nothing after it (a browser's {@code Origin}). */
    private static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The identity provider of the JWTs accepted as bearer tokens.
     *
     * @param issuer the {@code iss} every token must carry ({@code VERITY_OIDC_ISSUER})
     * @param audience the value the {@code aud} of every token must contain ({@code VERITY_OIDC_AUDIENCE}): without it
     *     a token issued for another application of the same provider would be accepted
     * @param jwksUri where the signing keys are published ({@code VERITY_OIDC_JWKS_URI}); empty: discovered from the
     *     issuer's {@code /.well-known/openid-configuration}
     * @param tenantClaim the claim naming the caller's tenant ({@code VERITY_OIDC_TENANT_CLAIM}, default
     *     {@code tenant}); a token without it acts in the default tenant
     * @param principalsClaim the claim listing the caller's groups ({@code VERITY_OIDC_PRINCIPALS_CLAIM}, default
     *     {@code groups}); {@code sub} is added as {@code user:<sub>}
     * @param scopesClaim the claim holding the scopes ({@code VERITY_OIDC_SCOPES_CLAIM}, default {@code scope}):
     *     space-separated or a list, {@code query} or {@code verity:query}
     */
    public record Oidc(
            String issuer,
            String audience,
            Optional<URI> jwksUri,
            String tenantClaim,
            String principalsClaim,
            String scopesClaim) {
        public Oidc {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(jwksUri, "jwksUri");
            Objects.requireNonNull(tenantClaim, "tenantClaim");
            Objects.requireNonNull(principalsClaim, "principalsClaim");
            Objects.requireNonNull(scopesClaim, "scopesClaim");
        }

        /** The provider {@code issuer} with its signing keys at {@code jwksUri} and the default claim names. */
        public static Oidc of(String issuer, String audience, URI jwksUri) {
            return new Oidc(issuer, audience, Optional.of(jwksUri), "tenant", "groups", "scope");
        }
    }

    /**
     * The settings from {@code VERITY_OIDC_ISSUER}, {@code VERITY_OIDC_AUDIENCE}, {@code VERITY_OIDC_JWKS_URI},
     * {@code VERITY_OIDC_TENANT_CLAIM}, {@code VERITY_OIDC_PRINCIPALS_CLAIM}, {@code VERITY_OIDC_SCOPES_CLAIM},
     * {@code VERITY_CORS_ORIGINS} and {@code VERITY_ALLOWED_HOSTS} (comma-separated), else the {@code security:}
     * section of the {@code VERITY_CONFIG} file.
     */
    public static SecurityConfig from(Map<String, String> env) {
        Map<String, Object> whole = ConfigValues.file(env);
        Map<String, Object> file = ConfigValues.map(whole.get("security"), "security");
        Map<String, Object> oidc = ConfigValues.map(file.get("oidc"), "security.oidc");
        String issuer = value(env, "VERITY_OIDC_ISSUER", oidc, "issuer");
        String audience = value(env, "VERITY_OIDC_AUDIENCE", oidc, "audience");
        String jwks = value(env, "VERITY_OIDC_JWKS_URI", oidc, "jwks_uri");
        Optional<Oidc> provider = Optional.empty();
        if (issuer != null || audience != null || jwks != null) {
            if (issuer == null || audience == null) {
                throw new IllegalArgumentException("OIDC needs both VERITY_OIDC_ISSUER and VERITY_OIDC_AUDIENCE (the"
                        + " issuer's URL and this API's client id or audience), got "
                        + (issuer == null ? "no issuer" : "no audience"));
            }
            provider = Optional.of(new Oidc(
                    issuer,
                    audience,
                    Optional.ofNullable(jwks).map(u -> uri(u, "VERITY_OIDC_JWKS_URI")),
                    orDefault(value(env, "VERITY_OIDC_TENANT_CLAIM", oidc, "tenant_claim"), "tenant"),
                    orDefault(value(env, "VERITY_OIDC_PRINCIPALS_CLAIM", oidc, "principals_claim"), "groups"),
                    orDefault(value(env, "VERITY_OIDC_SCOPES_CLAIM", oidc, "scopes_claim"), "scope")));
        }
        return new SecurityConfig(
                provider,
                list(env, "VERITY_CORS_ORIGINS", file, "cors_origins"),
                list(env, "VERITY_ALLOWED_HOSTS", file, "allowed_hosts"),
                RateLimitSettings.from(env, whole));
    }

    private static String value(Map<String, String> env, String variable, Map<String, Object> section, String key) {
        String fromEnv = ConfigValues.text(env.get(variable), variable);
        return fromEnv != null ? fromEnv : ConfigValues.text(section.get(key), "security.oidc." + key);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static URI uri(String value, String where) {
        try {
            URI uri = URI.create(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must be an http(s) URL, got \"" + value + "\"");
        }
    }

    private static List<String> list(Map<String, String> env, String variable, Map<String, Object> file, String key) {
        List<String> out = new ArrayList<>();
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Arrays.stream(fromEnv.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(out::add);
            return out;
        }
        Object value = file.get(key);
        if (value instanceof List<?> values) {
            for (Object v : values) {
                String s = ConfigValues.text(v, "security." + key);
                if (s != null) {
                    out.add(s);
                }
            }
        } else if (value != null) {
            throw new IllegalArgumentException("security." + key + " must be a list");
        }
        return out;
    }
}
