package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `verity serve` readies the model before it reports ready: the fake OpenAI server sees the free model-list request
 * and no chat completion, and the first question is answered by the model, not degraded, under a short timeout.
 */
class StartUpWarmUpIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Short, so that a first call slowed by class loading would be cut and degrade: measured here, the first chat
     * took 1.2 to 1.5 s with only the connection warmed, 0.16 s after the in-process exchange, later ones 0.02-0.05 s.
     */
    private static final Duration MODEL_TIMEOUT = Duration.ofMillis(1_500);

    @TempDir
    Path root;

    @Test
    void theModelIsWarmedWithoutAChatAndTheFirstQuestionIsAnsweredByIt() throws Exception {
        try (FakeLlmServer fake = FakeLlmServer.openAi()) {
            Map<String, String> env = RefundPolicy.openAiEnv(fake, MODEL_TIMEOUT);
            VerityConfig config = VerityConfig.from(root.resolve("data"), env);
            try (Verity verity = Verity.forWriting(config)) {
                verity.ingestion()
                        .ingest(
                                List.of(new SourceFile(RefundPolicy.pdf(root), "policy.pdf")),
                                IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                                IngestionService.Listener.none());
            }
            fake.reset();
            fake.respondWith(FakeResponse.reply(RefundPolicy.ANSWER));

            ConfigurableApplicationContext server = VerityServer.start(config, "127.0.0.1", 0);
            try {
                List<RecordedRequest> atStart = fake.requests();
                assertThat(atStart)
                        .extracting(RecordedRequest::method, RecordedRequest::url)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/v1/models"));

                String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);

                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"question\": \"Within how many days are refunds granted?\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(response.body());
                assertThat(answer.get("generator").asString())
                        .as(response.body())
                        .isEqualTo("llm");
                assertThat(answer.get("degraded").asBoolean()).isFalse();
                assertThat(answer.get("answer").asString()).isEqualTo("Refunds are granted within 21 days.");
                assertThat(fake.requests())
                        .extracting(RecordedRequest::method, RecordedRequest::url)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("GET", "/v1/models"),
                                org.assertj.core.groups.Tuple.tuple("POST", "/v1/chat/completions"));
            } finally {
                server.close();
            }
        }
    }

    @Test
    void aModelThatIsDownAtStartDoesNotStopTheServer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "VERITY_LLM_PROVIDER", "openai",
                "VERITY_LLM_BASE_URL", "http://127.0.0.1:" + closedPort + "/v1",
                "VERITY_LLM_API_KEY", "test-key",
                "VERITY_LLM_MODEL", "gpt-test"));

        ConfigurableApplicationContext server =
                VerityServer.start(VerityConfig.from(root.resolve("down"), env), "127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> ready = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        } finally {
            server.close();
        }
    }
}
