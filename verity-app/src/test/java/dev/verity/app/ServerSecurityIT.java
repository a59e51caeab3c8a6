package dev.verity.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.app.server.security.JwtCallerAuthenticator;
import dev.verity.app.server.security.KeyAuthentication;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator;
import dev.verity.identity.CallerAuthenticator.AuthenticationException;
import dev.verity.identity.Scope;
import dev.verity.testkit.files.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `verity serve` with authentication on: API-key-like tokens from a test authenticator, and JWTs of an OIDC provider
 * whose JWKS WireMock serves, signed with RSA keys generated here. Scopes, impersonation, CORS, the Host allowlist,
 * security headers and health details, all over real HTTP on a free loopback port.
 */
class ServerSecurityIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ISSUER = "https://id.example.test/realms/acme";
    private static final String AUDIENCE = "verity";

    /** Test keys: {@code vk_<name>} with these scopes; {@code vk_revoked} is refused, other {@code vk_} unknown. */
    private static final CallerAuthenticator KEYS = token -> {
        if (!token.startsWith("vk_")) {
            return Optional.empty();
        }
        Set<Scope> scopes = switch (token) {
            case "vk_query" -> Set.of(Scope.QUERY);
            case "vk_ingest" -> Set.of(Scope.INGEST);
            case "vk_admin" -> Set.of(Scope.QUERY, Scope.INGEST, Scope.ADMIN);
            case "vk_backend" -> Set.of(Scope.QUERY, Scope.IMPERSONATE);
            case "vk_revoked" ->
                throw new AuthenticationException("revoked", "this key was revoked: ask for a new one");
            default -> throw new AuthenticationException("unknown_key", "no such API key");
        };
        return Optional.of(new Caller("default", Set.of("user:" + token), scopes, "key:" + token));
    };

    @TempDir
    static Path root;

    private static WireMockServer idp;
    private static RSAKey signingKey;
    private static SecurityConfig.Oidc oidc;
    private static ConfigurableApplicationContext server;
    private static int port;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        idp = new WireMockServer(options().dynamicPort());
        idp.start();
        idp.stubFor(get("/jwks").willReturn(okJson(new JWKSet(signingKey.toPublicJWK()).toString())));
        oidc = SecurityConfig.Oidc.of(ISSUER, AUDIENCE, URI.create(idp.baseUrl() + "/jwks"));
        SecurityConfig security =
                new SecurityConfig(Optional.of(oidc), List.of("https://intranet.example.test"), List.of());
        server = VerityServer.start(
                VerityConfig.from(root.resolve("data"), Map.of()),
                security,
                new KeyAuthentication(KEYS, () -> true),
                "127.0.0.1",
                0);
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.stop();
    }

    @Test
    void requestsWithoutCredentialsGet401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = send(request("/v1/collections/docs/documents", null));

        assertProblem(response, 401, "authentication required: send Authorization: Bearer <API key or token>");
        assertThat(response.body()).contains("verity keys create --name NAME --scopes query");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(VerityServer.authenticationRequired(server)).isTrue();
    }

    @Test
    void refusedOrUnknownCredentialsGet401() throws Exception {
        assertProblem(send(request("/v1/jobs", "vk_revoked")), 401, "this key was revoked: ask for a new one");
        assertProblem(send(request("/v1/jobs", "vk_nope")), 401, "no such API key");
        assertProblem(
                send(request("/v1/jobs", "something-else")),
                401,
                "the bearer token is neither a known API key nor a token of the configured identity provider");
        HttpResponse<String> basic = send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .build());
        assertProblem(basic, 401, "send the credential as Authorization: Bearer <API key or token>");
        assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void aMissingScopeGets403NamingIt() throws Exception {
        assertProblem(
                send(post("/v1/query", "{\"question\": \"Who?\"}", "vk_ingest")),
                403,
                "this request needs scope query; the caller has [ingest]: use a key or token that holds query");
        assertProblem(send(request("/v1/jobs", "vk_query")), 403, "this request needs scope ingest");
        assertProblem(send(delete("/v1/collections/docs/documents/d_x", "vk_query")), 403, "needs scope ingest");
        assertThat(send(request("/v1/jobs", "vk_ingest")).statusCode()).isEqualTo(200);
    }

    @Test
    void principalsInARequestWithoutImpersonateGet403() throws Exception {
        String why = "only a caller with scope impersonate may name principals: remove \"principals\" from the request";
        assertProblem(
                send(post("/v1/query", "{\"question\": \"Who?\", \"principals\": [\"group:board\"]}", "vk_query")),
                403,
                why);
        assertProblem(send(post("/v1/conversations", "{\"principals\": [\"group:board\"]}", "vk_query")), 403, why);
        assertProblem(send(request("/v1/conversations/c_x?principals=group:board", "vk_query")), 403, why);
    }

    @Test
    void aCallerWithImpersonateActsAsThePrincipalsItNames() throws Exception {
        Path pdf = SampleFiles.pdf(
                root.resolve("bands.pdf"), "Bands", List.of("The director salary band ends at $241,000."));
        assertThat(upload("hr", "hr", pdf, "vk_admin").statusCode()).isEqualTo(200);
        String question = "{\"collection\": \"hr\", \"question\": \"What is the top of the director salary band?\"";

        HttpResponse<String> asHr = send(post("/v1/query", question + ", \"principals\": [\"hr\"]}", "vk_backend"));
        HttpResponse<String> asItself = send(post("/v1/query", question + "}", "vk_backend"));
        HttpResponse<String> plainKey = send(post("/v1/query", question + "}", "vk_query"));

        assertThat(asHr.statusCode()).as(asHr.body()).isEqualTo(200);
        assertThat(asHr.body()).contains("241,000");
        // the key's own principals (user:vk_backend, user:vk_query) do not include hr
        assertThat(asItself.body()).doesNotContain("241,000");
        assertThat(plainKey.statusCode()).isEqualTo(200);
        assertThat(plainKey.body()).doesNotContain("241,000");
    }

    @Test
    void aValidJwtIsMappedToTenantPrincipalsAndScopes() throws Exception {
        String token = jwt(
                signingKey,
                claims -> claims.claim("groups", List.of("group:board", "hr"))
                        .claim("scope", "openid profile verity:query ingest")
                        .claim("tenant", "acme"));

        Caller caller = new JwtCallerAuthenticator(oidc).authenticate(token).orElseThrow();
        HttpResponse<String> response = send(request("/v1/collections/docs/documents", token));

        assertThat(caller)
                .isEqualTo(new Caller(
                        "acme",
                        Set.of("user:ana", "group:board", "hr"),
                        Set.of(Scope.QUERY, Scope.INGEST),
                        "jwt:" + ISSUER + "#ana"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JwtCallerAuthenticator(oidc).authenticate("vk_query")).isEmpty(); // not a JWT: the keys' turn
    }

    @Test
    void invalidJwtsGet401SayingWhy() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey unknownKid = new RSAKeyGenerator(2048).keyID("k9").generate();
        Instant now = Instant.now();
        Map<String, String> tokens = Map.of(
                "expired",
                jwt(
                        signingKey,
                        c -> c.issueTime(Date.from(now.minusSeconds(7200)))
                                .expirationTime(Date.from(now.minusSeconds(3600)))),
                "not yet valid",
                jwt(signingKey, c -> c.notBeforeTime(Date.from(now.plusSeconds(3600)))),
                "wrong issuer",
                jwt(signingKey, c -> c.issuer("https://other.example.test")),
                "wrong audience",
                jwt(signingKey, c -> c.audience("another-app")),
                "bad signature",
                jwt(stranger, c -> c),
                "unsupported algorithm",
                new PlainJWT(claims(c -> c).build()).serialize(),
                "unknown key id",
                jwt(unknownKid, c -> c));

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            HttpResponse<String> response = send(request("/v1/collections/docs/documents", token.getValue()));
            assertProblem(response, 401, "the token was refused (" + token.getKey() + ")");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        }
        assertThatThrownBy(() -> new JwtCallerAuthenticator(oidc).authenticate(tokens.get("expired")))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo("expired"));
    }

    @Test
    void healthIsPublicButItsDetailsOnlyForAdmins() throws Exception {
        HttpResponse<String> anonymous = send(request("/actuator/health", null));
        HttpResponse<String> querier = send(request("/actuator/health", "vk_query"));
        HttpResponse<String> admin = send(request("/actuator/health", "vk_admin"));

        assertThat(send(request("/actuator/health/liveness", null)).statusCode())
                .isEqualTo(200);
        assertThat(send(request("/actuator/health/readiness", null)).statusCode())
                .isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).has("components")).isFalse();
        assertThat(JSON.readTree(querier.body()).has("components")).isFalse();
        assertThat(JSON.readTree(admin.body())
                        .get("components")
                        .get("verity")
                        .get("details")
                        .has("chunks"))
                .isTrue();
        HttpResponse<String> apiDocs = send(request("/v3/api-docs", null));
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(apiDocs.body()).doesNotContain("\"caller\""); // who asks is not a request parameter
        JsonNode bearer = JSON.readTree(apiDocs.body())
                .get("components")
                .get("securitySchemes")
                .get("bearer");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void otherOriginsGetNoCorsAllowanceAndTheirPreflightIsRefused() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());
        HttpResponse<String> simple = send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
                .header("Origin", "http://evil.example")
                .header("Authorization", "Bearer vk_ingest")
                .build());
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://intranet.example.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(simple.statusCode()).isEqualTo(403);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://intranet.example.test");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    @Test
    void aForeignHostHeaderIsRefusedOnLoopback() throws Exception {
        String evil = raw("evil.example");
        String evilWithPort = raw("evil.example:" + port);
        String otherPort = raw("localhost:1");

        assertThat(evil).startsWith("HTTP/1.1 421");
        assertThat(evil).contains("application/problem+json").contains("does not answer to the host name");
        assertThat(evilWithPort).startsWith("HTTP/1.1 421");
        assertThat(otherPort).startsWith("HTTP/1.1 421");
        assertThat(raw("localhost:" + port)).startsWith("HTTP/1.1 200");
        assertThat(raw("127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
        assertThat(raw("[::1]:" + port)).startsWith("HTTP/1.1 200");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(
                send(request("/actuator/health/liveness", null)),
                send(request("/v1/jobs", "vk_ingest")),
                send(request("/v1/jobs", null)))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
            assertThat(response.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    private static JWTClaimsSet.Builder claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("ana")
                .claim("scope", "verity:query")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))));
    }

    private static String jwt(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(change).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** A request with a Host header of our choosing, which the JDK's HTTP client does not allow. */
    private static String raw(String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /actuator/health/liveness HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpRequest request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static HttpRequest post(String path, String json, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static HttpRequest delete(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build();
    }

    private static HttpResponse<String> upload(String collection, String acl, Path file, String token)
            throws Exception {
        String boundary = "verity-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"acl\"\r\n\r\n" + acl + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/v1/collections/" + collection + "/documents?wait=true"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detail);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
