package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.app.server.security.KeyAuthentication;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator;
import dev.verity.identity.CallerAuthenticator.AuthenticationException;
import dev.verity.identity.Scope;
import dev.verity.runs.Feedback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run records and feedback over real HTTP with authentication on: {@code GET /v1/runs}, {@code GET /v1/runs/{id}}
 * and {@code POST /v1/feedback}. Callers: Ana and Bob ({@code query}) and an admin of tenant acme, an admin of
 * tenant globex. A caller sees and rates their own runs only; an admin reads their tenant's; anything else is 404.
 */
class RunsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final CallerAuthenticator KEYS = token -> {
        if (!token.startsWith("vk_")) {
            return Optional.empty();
        }
        return Optional.of(
                switch (token) {
                    case "vk_ana" -> new Caller("acme", Set.of("user:ana"), Set.of(Scope.QUERY), "key:ana");
                    case "vk_bob" -> new Caller("acme", Set.of("user:bob"), Set.of(Scope.QUERY), "key:bob");
                    case "vk_acme_admin" ->
                        new Caller("acme", Set.of("user:root"), Set.of(Scope.QUERY, Scope.ADMIN), "key:acme_admin");
                    case "vk_globex_admin" ->
                        new Caller("globex", Set.of("user:root"), Set.of(Scope.QUERY, Scope.ADMIN), "key:globex_admin");
                    default -> throw new AuthenticationException("unknown_key", "no such API key");
                });
    };

    @TempDir
    static Path root;

    private static ConfigurableApplicationContext server;
    private static String base;
    private static String anasRun;

    @BeforeAll
    static void start() throws Exception {
        server = VerityServer.start(
                VerityConfig.from(root.resolve("data"), Map.of()),
                new SecurityConfig(Optional.empty(), List.of(), List.of()),
                new KeyAuthentication(KEYS, () -> true),
                "127.0.0.1",
                0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> asked = send(post(
                "/v1/query",
                "{\"collection\": \"handbook\", \"question\": \"How many leave days does ana.berg@example.com get?\","
                        + " \"filters\": {\"languages\": [\"en\"]}}",
                "vk_ana"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        anasRun = JSON.readTree(asked.body()).get("trace_id").asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCallerReadsTheirOwnRunWithTheQuestionScrubbed() throws Exception {
        HttpResponse<String> response = send(get("/v1/runs/" + anasRun, "vk_ana"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(response.body());
        assertThat(run.get("trace_id").asString()).isEqualTo(anasRun);
        assertThat(run.get("question").asString()).isEqualTo("How many leave days does [email] get?");
        assertThat(response.body()).doesNotContain("ana.berg@example.com");
        assertThat(run.get("actor").asString()).isEqualTo("key:ana");
        assertThat(run.get("tenant").asString()).isEqualTo("acme");
        assertThat(run.get("outcome").asString()).isEqualTo("abstained");
        assertThat(run.get("filters").get("languages").get(0).asString()).isEqualTo("en");
    }

    @Test
    void anotherCallerOrAnotherTenantsAdminCannotReadTheRunAndIsToldItIsNotThere() throws Exception {
        for (String other : List.of("vk_bob", "vk_globex_admin")) {
            assertProblem(send(get("/v1/runs/" + anasRun, other)), 404, "no run '" + anasRun + "' of yours is kept");
            assertThat(ids(send(get("/v1/runs", other)))).doesNotContain(anasRun);
        }
        assertProblem(
                send(get("/v1/runs/ffffffffffffffffffffffffffffffff", "vk_ana")),
                404,
                "no run 'ffffffffffffffffffffffffffffffff'");
    }

    @Test
    void theTenantsAdminReadsAndListsEveryRunOfTheTenantButNotDocumentsBeyondTheirPrincipals() throws Exception {
        HttpResponse<String> read = send(get("/v1/runs/" + anasRun, "vk_acme_admin"));

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode run = JSON.readTree(read.body());
        assertThat(run.get("question").asString()).isEqualTo("How many leave days does [email] get?");
        assertThat(run.get("answer").asString())
                .as("the admin lacks Ana's principal user:ana: what the documents said is withheld")
                .startsWith("[withheld: this answer drew on documents you may not read");
        assertThat(ids(send(get("/v1/runs?limit=50", "vk_acme_admin")))).contains(anasRun);
        assertThat(ids(send(get("/v1/runs?outcome=abstained", "vk_ana")))).contains(anasRun);
        assertThat(ids(send(get("/v1/runs?outcome=answered", "vk_ana")))).doesNotContain(anasRun);
    }

    @Test
    void onlyTheCallerWhoAskedMayRateTheAnswerAndRatingAgainReplacesIt() throws Exception {
        List<Feedback> observed = new CopyOnWriteArrayList<>();
        server.getBean(Verity.class).components().onFeedback(observed::add);
        String down = "{\"trace_id\": \"" + anasRun + "\", \"rating\": \"down\"}";
        for (String other : List.of("vk_bob", "vk_acme_admin", "vk_globex_admin")) {
            assertProblem(send(post("/v1/feedback", down, other)), 404, "of yours is kept");
        }

        HttpResponse<String> up =
                send(post("/v1/feedback", "{\"trace_id\": \"" + anasRun + "\", \"rating\": \"up\"}", "vk_ana"));
        HttpResponse<String> replaced = send(post(
                "/v1/feedback",
                "{\"trace_id\": \"" + anasRun + "\", \"rating\": \"down\", \"comment\": \"Ask ana.berg@example.com\"}",
                "vk_ana"));

        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode stored = JSON.readTree(replaced.body());
        assertThat(stored.get("rating").asString()).isEqualTo("down");
        assertThat(stored.get("comment").asString()).isEqualTo("Ask [email]");
        assertThat(stored.get("actor").asString()).isEqualTo("key:ana");
        JsonNode run = JSON.readTree(send(get("/v1/runs/" + anasRun, "vk_ana")).body());
        assertThat(run.get("feedback").get("rating").asString()).isEqualTo("down");
        assertThat(ids(send(get("/v1/runs?rating=down", "vk_ana")))).contains(anasRun);
        assertThat(observed)
                .as("observers added to Components are told of each stored feedback, and only of those")
                .extracting(f -> f.rating().code() + " " + f.traceId())
                .containsExactly("up " + anasRun, "down " + anasRun);
    }

    @Test
    void badFeedbackIsA400SayingWhatToSend() throws Exception {
        assertProblem(
                send(post("/v1/feedback", "{\"trace_id\": \"" + anasRun + "\", \"rating\": \"meh\"}", "vk_ana")),
                400,
                "rating must be \"up\" or \"down\", got \"meh\"");
        assertProblem(send(post("/v1/feedback", "{\"rating\": \"up\"}", "vk_ana")), 400, "trace_id is required");
        assertProblem(
                send(post(
                        "/v1/feedback",
                        "{\"trace_id\": \"" + anasRun + "\", \"rating\": \"up\", \"comment\": \"" + "x".repeat(2_001)
                                + "\"}",
                        "vk_ana")),
                400,
                "comment must be at most 2000 characters, got 2001");
        assertProblem(send(get("/v1/runs?rating=sideways", "vk_ana")), 400, "rating must be \"up\" or \"down\"");
        assertProblem(send(get("/v1/runs?outcome=great", "vk_ana")), 400, "outcome must be one of");
        assertProblem(send(get("/v1/runs?limit=0", "vk_ana")), 400, "limit must be in 1..1000, got 0");
    }

    @Test
    void theOpenApiDocumentDescribesRunsAndFeedback() throws Exception {
        HttpResponse<String> response = send(get("/v3/api-docs", "vk_ana"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode paths = JSON.readTree(response.body()).get("paths");
        assertThat(paths.get("/v1/runs").get("get").get("operationId").asString())
                .isEqualTo("listRuns");
        assertThat(paths.get("/v1/runs/{trace_id}")
                        .get("get")
                        .get("operationId")
                        .asString())
                .isEqualTo("getRun");
        JsonNode feedback = paths.get("/v1/feedback").get("post");
        assertThat(feedback.get("operationId").asString()).isEqualTo("giveFeedback");
        assertThat(feedback.get("responses").has("404")).isTrue();
        JsonNode body = JSON.readTree(response.body())
                .get("components")
                .get("schemas")
                .get("FeedbackBody")
                .get("properties");
        assertThat(body.get("rating").get("enum"))
                .extracting(JsonNode::asString)
                .containsExactly("up", "down");
        assertThat(body.has("trace_id")).isTrue();
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body())
                .get("runs")
                .valueStream()
                .map(r -> r.get("trace_id").asString())
                .toList();
    }

    private static HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private static HttpRequest post(String path, String json, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains(detail);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
