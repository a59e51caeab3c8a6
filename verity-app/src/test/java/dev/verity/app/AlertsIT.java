package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.app.server.security.KeyAuthentication;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator;
import dev.verity.identity.CallerAuthenticator.AuthenticationException;
import dev.verity.identity.Scope;
import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertLog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `verity serve` with an alert webhook (VERITY_ALERT_WEBHOOK_URL, a receiver started here): an alert raised in the
 * server is posted and recorded, {@code GET /v1/alerts} shows administrators their tenant's and the service-wide
 * alerts, and {@code verity alerts} lists them all.
 */
class AlertsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** {@code vk_admin} and {@code vk_query} of tenant acme, {@code vk_globex} an administrator of globex. */
    private static final CallerAuthenticator KEYS = token -> switch (token) {
        case "vk_admin" -> Optional.of(new Caller("acme", Set.of(), Set.of(Scope.QUERY, Scope.ADMIN), "key:admin"));
        case "vk_query" -> Optional.of(new Caller("acme", Set.of(), Set.of(Scope.QUERY), "key:query"));
        case "vk_globex" -> Optional.of(new Caller("globex", Set.of(), Set.of(Scope.ADMIN), "key:globex"));
        default -> throw new AuthenticationException("unknown_key", "no such API key");
    };

    @TempDir
    static Path root;

    private static HttpServer receiver;
    private static final List<String> posted = new CopyOnWriteArrayList<>();
    private static final java.util.concurrent.CountDownLatch threePosted = new java.util.concurrent.CountDownLatch(3);
    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook/T0KEN", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            threePosted.countDown();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/T0KEN";
        VerityConfig config = VerityConfig.from(root.resolve("data"), Map.of("VERITY_ALERT_WEBHOOK_URL", hook));
        server = VerityServer.start(
                config, SecurityConfig.NONE, new KeyAuthentication(KEYS, () -> true), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");

        var sink = server.getBean(Verity.class).components().alertSink();
        sink.raise(alert("p95_latency_drift", Alert.ALL_TENANTS, "2026-12-08T01:00:00Z"));
        sink.raise(alert("abstention_rate_drift", "acme", "2026-12-08T01:01:00Z"));
        sink.raise(alert("guard_block_rate_drift", "globex", "2026-12-08T01:02:00Z"));
        assertThat(threePosted.await(30, TimeUnit.SECONDS)).isTrue();
        // the receiver answered; the sink records the delivery right after: wait for that too
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.getBean(Verity.class).alerts().recent(Optional.empty(), 10).stream()
                        .anyMatch(a -> a.delivery() != AlertLog.Delivery.DELIVERED)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        receiver.stop(0);
    }

    private static Alert alert(String rule, String tenant, String at) {
        return new Alert(
                rule,
                Alert.Severity.WARNING,
                tenant,
                rule + " fired",
                Map.of("window_value", "0.4", "baseline_value", "0.1"),
                Instant.parse(at));
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAlertRaisedInTheServerIsPostedToTheWebhook() {
        assertThat(posted)
                .hasSize(3)
                .anySatisfy(body -> assertThat(JSON.readTree(body).get("text").asString())
                        .isEqualTo("[warning] abstention_rate_drift (tenant acme): abstention_rate_drift fired"));
    }

    @Test
    void anAdministratorSeesTheirTenantsAndTheServiceWideAlertsNewestFirst() throws Exception {
        HttpResponse<String> response = get("/v1/alerts", "vk_admin");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode alerts = JSON.readTree(response.body()).get("alerts");
        assertThat(alerts)
                .extracting(a -> a.get("rule").asString())
                .containsExactly("abstention_rate_drift", "p95_latency_drift");
        JsonNode first = alerts.get(0);
        assertThat(first.get("tenant").asString()).isEqualTo("acme");
        assertThat(first.get("delivery").asString()).isEqualTo("delivered");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("details").get("baseline_value").asString()).isEqualTo("0.1");
        assertThat(JSON.readTree(get("/v1/alerts", "vk_globex").body()).get("alerts"))
                .extracting(a -> a.get("rule").asString())
                .containsExactly("guard_block_rate_drift", "p95_latency_drift");
    }

    @Test
    void alertsAreForAdministratorsOnly() throws Exception {
        HttpResponse<String> response = get("/v1/alerts", "vk_query");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aLimitOutOfRangeIsA400() throws Exception {
        HttpResponse<String> response = get("/v1/alerts?limit=0", "vk_admin");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("detail").asString())
                .isEqualTo("limit must be in 1..1000, got 0");
    }

    @Test
    void theCommandListsEveryTenantsAlerts() {
        // beside the running server: the embedded database is shared the way `verity audit` shares it
        Cli.Result result = Cli.run("alerts", "--data", root.resolve("data").toString(), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.jsonLines())
                .extracting(a -> a.get("rule").asString())
                .containsExactly("guard_block_rate_drift", "abstention_rate_drift", "p95_latency_drift");
        Cli.Result text = Cli.run("alerts", "--data", root.resolve("data").toString(), "--limit", "1");
        assertThat(text.out()).contains("warning", "guard_block_rate_drift", "globex", "delivered/1");
    }
}
