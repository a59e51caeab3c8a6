package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.identity.Scope;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code prometheus} (Debian's package) scrapes a running server with the shipped example configuration —
 * a bearer token file holding a key of scope metrics — loads the shipped alerting rules, and answers a query for
 * {@code verity_answers_total}.
 */
@Tag("heavy")
class PrometheusScrapeIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Scrapes every second here; the first lands within a few seconds of start. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path root;

    @Test
    void prometheusScrapesTheServerWithTheExampleConfigAndLoadsTheRules() throws Exception {
        Path prometheus = Monitoring.prometheus();
        VerityConfig config = VerityConfig.from(root.resolve("data"), Map.of());
        String token;
        String queryKey;
        try (Verity verity = Verity.forWriting(config)) {
            token = verity.keys()
                    .create("prometheus", "default", Set.of(), Set.of(Scope.METRICS), Optional.empty(), "local")
                    .secret();
            queryKey = verity.keys()
                    .create("reader", "default", Set.of(), Set.of(Scope.QUERY), Optional.empty(), "local")
                    .secret();
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(RefundPolicy.pdf(root), "policy.pdf")),
                            IngestOptions.into("default"),
                            IngestionService.Listener.none());
        }
        ConfigurableApplicationContext server = VerityServer.start(config, SecurityConfig.NONE, "127.0.0.1", 0);
        Process process = null;
        try {
            String target = "127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> asked = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://" + target + "/v1/query"))
                            .header("Authorization", "Bearer " + queryKey)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"question\": \"Within how many days are refunds granted?\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);

            Path etc = Files.createDirectories(root.resolve("prometheus"));
            Path tokenFile = Files.writeString(etc.resolve("verity-token"), token);
            Files.copy(Monitoring.ALERTS, etc.resolve("alerts.yml"));
            Path configFile = Files.writeString(
                    etc.resolve("prometheus.yml"),
                    Files.readString(Monitoring.SCRAPE_CONFIG)
                            .replace("/etc/prometheus/verity-token", tokenFile.toString())
                            .replace("127.0.0.1:8080", target)
                            .replace("scrape_interval: 15s", "scrape_interval: 1s"));
            int port = freePort();
            process = new ProcessBuilder(
                            prometheus.toString(),
                            "--config.file=" + configFile,
                            "--storage.tsdb.path=" + Files.createDirectories(root.resolve("tsdb")),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("prometheus.log").toFile())
                    .start();
            String api = "http://127.0.0.1:" + port + "/api/v1/";

            JsonNode answers = awaitResult(api + "query?query="
                    + URLEncoder.encode("verity_answers_total{outcome=\"answered\"}", StandardCharsets.UTF_8));

            assertThat(answers.get(0).get("metric").get("job").asString()).isEqualTo("verity");
            assertThat(Double.parseDouble(answers.get(0).get("value").get(1).asString()))
                    .isEqualTo(1);
            JsonNode targets = get(api + "targets").get("data").get("activeTargets");
            assertThat(targets.get(0).get("health").asString()).isEqualTo("up");
            JsonNode groups = get(api + "rules").get("data").get("groups");
            int rules = 0;
            for (JsonNode group : groups) {
                rules += group.get("rules").size();
            }
            assertThat(rules).isEqualTo(Monitoring.alertRules().size());
        } finally {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
            server.close();
        }
    }

    /** The query's result once Prometheus has one, polling until {@link #DEADLINE}. */
    private static JsonNode awaitResult(String url) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            try {
                JsonNode result = get(url).get("data").get("result");
                if (!result.isEmpty()) {
                    return result;
                }
            } catch (java.io.IOException notYetListening) {
                // Prometheus is still starting
            }
            assertThat(Instant.now())
                    .as("Prometheus had scraped Verity by then")
                    .isBefore(deadline);
            Thread.sleep(500);
        }
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
