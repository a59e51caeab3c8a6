package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.identity.Scope;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * `verity serve` with API keys and a model (the OpenAI fake over HTTP): {@code /actuator/prometheus} for scope metrics
 * or admin only, and what a real question and a real upload do to the meters the dashboard and the alerts read.
 */
class MetricsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String QUESTION = "{\"question\": \"Within how many days are refunds granted?\"}";

    @TempDir
    static Path root;

    private static FakeLlmServer fake;
    private static ConfigurableApplicationContext server;
    private static String base;
    private static String queryKey;
    private static String ingestKey;
    private static String adminKey;
    private static String metricsKey;

    @BeforeAll
    static void start() throws Exception {
        // the reply names a dated version of the configured model, as providers do
        fake = FakeLlmServer.openAi()
                .respondWith(
                        FakeResponse.reply(RefundPolicy.ANSWER).usage(420, 37).model("gpt-test-2026-01-15"));
        Path data = root.resolve("data");
        Map<String, String> env = RefundPolicy.openAiEnv(fake, Duration.ofSeconds(5));
        // $1 and $2 per million tokens: 420 in and 37 out cost 0.000494 USD
        env.put(
                "VERITY_CONFIG",
                Files.writeString(root.resolve("verity.yml"), """
                                llm:
                                  prices:
                                    gpt-test: {input_per_million: 1.0, output_per_million: 2.0}
                                """).toString());
        VerityConfig config = VerityConfig.from(data, env);
        try (Verity verity = Verity.forWriting(config)) {
            queryKey = key(verity, "reader", Scope.QUERY);
            ingestKey = key(verity, "uploader", Scope.INGEST);
            adminKey = key(verity, "ops", Scope.ADMIN);
        }
        // the scraper's key, made as an operator makes it
        Cli.Result created = Cli.run(
                "keys", "create", "--data", data.toString(), "--name", "prometheus", "--scopes", "metrics", "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        metricsKey = created.json().get("key").asString();

        server = VerityServer.start(config, SecurityConfig.NONE, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> upload = upload(RefundPolicy.pdf(root));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        // the first reaches the model; asked again, it is served from the answer cache — once the document's vectors
        // are in: until then each vector the backfill adds changes the index version, which the cache key includes
        boolean cached = false;
        for (int i = 0; i < 100 && !cached; i++) {
            HttpResponse<String> asked = post("/v1/query", queryKey, QUESTION);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            cached = JSON.readTree(asked.body()).get("cached").asBoolean();
            if (!cached && i > 0) {
                Thread.sleep(100);
            }
        }
        assertThat(cached)
                .as("a repeated question is served from the answer cache")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void theScrapeEndpointNeedsScopeMetricsOrAdmin() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", queryKey).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", ingestKey).statusCode()).isEqualTo(403);

        HttpResponse<String> scraped = get("/actuator/prometheus", metricsKey);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(scraped.body()).contains("verity_answers_total");
        assertThat(get("/actuator/prometheus", adminKey).statusCode()).isEqualTo(200);
        // a metrics key reads the meters and nothing else
        assertThat(post("/v1/query", metricsKey, QUESTION).statusCode()).isEqualTo(403);
    }

    @Test
    void aQuestionMovesTheAnswerAndStepMeters() throws Exception {
        String before = scrape();

        HttpResponse<String> asked = post("/v1/query", queryKey, "{\"question\": \"Do refunds need the packaging?\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        String outcome = JSON.readTree(asked.body()).get("abstained").asBoolean() ? "abstained" : "answered";
        String after = scrape();

        assertThat(value(after, "verity_answers_total{outcome=\"" + outcome + "\"}"))
                .isEqualTo(value(before, "verity_answers_total{outcome=\"" + outcome + "\"}") + 1);
        assertThat(value(after, "verity_step_seconds_count{step=\"bm25\"}"))
                .isEqualTo(value(before, "verity_step_seconds_count{step=\"bm25\"}") + 1);
        assertThat(value(after, "verity_step_seconds_count{step=\"query\"}"))
                .isEqualTo(value(before, "verity_step_seconds_count{step=\"query\"}") + 1);
    }

    @Test
    void anOpenMetricsScrapeLeadsFromASlowAnswerBucketToItsRunRecord() throws Exception {
        HttpResponse<String> asked = post("/v1/query", queryKey, "{\"question\": \"Is there a restocking fee?\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);

        HttpResponse<String> scraped = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + metricsKey)
                        .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scraped.statusCode()).isEqualTo(200);
        Pattern exemplar = Pattern.compile(
                "^verity_answer_seconds_bucket\\{.*\\} \\S+ # \\{.*trace_id=\"([0-9a-f]{32})\".*", Pattern.MULTILINE);
        List<String> traceIds =
                exemplar.matcher(scraped.body()).results().map(m -> m.group(1)).toList();
        assertThat(traceIds).as("trace ids on the answer-latency buckets").isNotEmpty();
        // the exemplar is an answer's trace id: its run record is there for the caller who asked
        for (String traceId : traceIds) {
            HttpResponse<String> run = get("/v1/runs/" + traceId, queryKey);
            for (int i = 0; i < 50 && run.statusCode() == 404; i++) { // runs are written behind the answers
                Thread.sleep(100);
                run = get("/v1/runs/" + traceId, queryKey);
            }
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            assertThat(JSON.readTree(run.body()).get("trace_id").asString()).isEqualTo(traceId);
        }
    }

    @Test
    void httpRequestsAreAHistogramPerRouteTemplate() throws Exception {
        String scrape = scrape();

        assertThat(scrape.lines()
                        .filter(l -> l.startsWith("http_server_requests_seconds_bucket{")
                                && l.contains("uri=\"/v1/query\"")
                                && l.contains("status=\"200\""))
                        .count())
                .as("buckets of POST /v1/query")
                .isGreaterThan(10);
        assertThat(scrape)
                .contains("uri=\"/v1/collections/{collection}/documents\"")
                .doesNotContain("uri=\"/v1/collections/default/documents\"");
    }

    @Test
    void modelTokensCostCacheAndCircuitAreCountedByConfiguredModel() throws Exception {
        String scrape = scrape();

        // the first question reached the model; the second was a cache hit and cost nothing
        assertThat(value(scrape, "verity_llm_tokens_total{direction=\"input\",model=\"gpt-test\"}"))
                .isGreaterThanOrEqualTo(420);
        assertThat(value(scrape, "verity_llm_cost_usd_total{model=\"gpt-test\"}"))
                .isGreaterThanOrEqualTo(0.000494);
        assertThat(value(scrape, "verity_cache_requests_total{result=\"hit\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "verity_cache_requests_total{result=\"miss\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "verity_llm_circuit_state{model=\"gpt-test\",provider=\"openai\"}"))
                .isZero();
        assertThat(value(scrape, "verity_ingest_jobs{state=\"indexed\"}")).isEqualTo(1);
        assertThat(value(scrape, "verity_ingest_jobs{state=\"queued\"}")).isZero();
    }

    @Test
    void noLabelCarriesTheQuestionOrAnId() throws Exception {
        String scrape = scrape();

        assertThat(scrape)
                .doesNotContainIgnoringCase("refunds")
                .doesNotContain("trace_id")
                .doesNotContain("key:")
                .doesNotContain("fake-model")
                .doesNotContain("2026-01-15");
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        // Spring's own meters draw lint warnings (no help text, camelCase filter names): exit 3; a parse error is 1
        Monitoring.Run check = Monitoring.run(Monitoring.promtool(), scrape(), "check", "metrics");

        assertThat(check.exitCode()).as(check.out()).isIn(0, 3);
        assertThat(check.out()).doesNotContain("verity_").doesNotContain("error while linting");
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExposed() throws Exception {
        Set<String> exposed = Pattern.compile("\\R")
                .splitAsStream(scrape())
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(java.util.stream.Collectors.toSet());

        assertThat(exposed).containsAll(Monitoring.metricNames());
    }

    private static String key(Verity verity, String name, Scope scope) {
        return verity.keys()
                .create(name, "default", Set.of(), Set.of(scope), Optional.empty(), "local")
                .secret();
    }

    private static String scrape() throws Exception {
        HttpResponse<String> scraped = get("/actuator/prometheus", metricsKey);
        assertThat(scraped.statusCode()).isEqualTo(200);
        return scraped.body();
    }

    /** The value of the one sample named exactly so (name and labels as Prometheus prints them). */
    private static double value(String scrape, String sample) {
        List<String> lines =
                scrape.lines().filter(l -> l.startsWith(sample + " ")).toList();
        assertThat(lines).as("sample " + sample).hasSize(1);
        return Double.parseDouble(
                lines.getFirst().substring(sample.length() + 1).split(" ")[0]);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String key, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> upload(Path file) throws Exception {
        String boundary = "verity-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/collections/default/documents?wait=true"))
                        .header("Authorization", "Bearer " + ingestKey)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
