package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.observability.alerts.Alert;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drift monitor in `verity serve`: answers over HTTP are counted, a judgement raises an alert, and the alert is
 * posted to the webhook and recorded. A fixed baseline (no abstentions) stands in for a day of history.
 */
class DriftAlertIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;

    @Test
    void abstentionsAboveTheFixedBaselineRaiseAnAlertThatIsPostedAndRecorded() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            delivered.countDown();
        });
        receiver.start();
        Path file = Files.writeString(root.resolve("verity.yaml"), """
                alerts:
                  drift:
                    min_samples: 3
                    rules:
                      abstention_rate: {baseline: 0}
                """);
        VerityConfig config = VerityConfig.from(
                root.resolve("data"),
                Map.of(
                        "VERITY_CONFIG",
                        file.toString(),
                        "VERITY_ALERT_WEBHOOK_URL",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
        ConfigurableApplicationContext server = VerityServer.start(config, "127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            for (String question : List.of("Who won?", "What is the refund window?", "Where is the office?")) {
                // nothing is ingested: every question abstains
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(JSON.readTree(answer.body()).get("abstained").asBoolean())
                        .isTrue();
            }
            Verity verity = server.getBean(Verity.class);

            // what the every-minute schedule does, called at once
            List<Alert> raised = verity.components().drift().evaluate();

            assertThat(raised).extracting(Alert::rule).containsExactly("abstention_rate_drift");
            assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
            JsonNode body = JSON.readTree(posted.getFirst());
            assertThat(body.get("rule").asString()).isEqualTo("abstention_rate_drift");
            assertThat(body.get("tenant").asString()).isEqualTo(Alert.ALL_TENANTS);
            assertThat(body.get("details").get("window_samples").asString()).isEqualTo("3");
            assertThat(body.get("details").get("window_value").asString()).isEqualTo("1");
            assertThat(body.get("details").get("baseline").asString()).isEqualTo("fixed");
            assertThat(verity.alerts().recent(Optional.empty(), 10))
                    .extracting(a -> a.alert().rule())
                    .containsExactly("abstention_rate_drift");
            assertThat(verity.components().drift().evaluate())
                    .as("cooling down")
                    .isEmpty();
        } finally {
            server.close();
            receiver.stop(0);
        }
    }
}
