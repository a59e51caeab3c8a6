package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.jobs.IngestionService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations over the HTTP API of `verity serve`, started for real on the sample corpus without a language model:
 * follow-ups are condensed by the rules, answered with citations, kept across a restart and hidden from other callers.
 */
class ConversationsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The handbook says "Employees receive 25 days of paid annual leave per calendar year." The extractive answerer
     * matches words, so the first question uses the handbook's; "the vacation policy for staff" is no match for it
     * even when rewritten perfectly (it abstains, and "staff" pulls in the remote-work page).
     */
    private static final String FIRST = "What is the annual leave policy for employees?";

    private static final String FOLLOW_UP = "How many days do they get?";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void ingestSamplesAndStart() throws Exception {
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            List<IngestResult> results = verity.ingestion()
                    .ingest(
                            SourceFiles.expand(List.of(Samples.DIR.resolve("corpus"))),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
            assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(IngestStatus.INDEXED));
        }
        start();
    }

    private static void start() {
        server = VerityServer.start(VerityConfig.from(data, Map.of()), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFollowUpIsCondensedAndAnsweredWithACitationFromTheRightDocument() throws Exception {
        HttpResponse<String> created = post("/v1/conversations", "{\"principals\": []}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode conversation = JSON.readTree(created.body());
        String id = conversation.get("id").asString();
        assertThat(id).matches("conv_[0-9a-f]{32}");
        assertThat(conversation.get("collection").asString()).isEqualTo("default");
        assertThat(conversation.get("created_at").asString()).isNotBlank();
        assertThat(created.headers().firstValue("Location")).contains("/v1/conversations/" + id);

        JsonNode first = JSON.readTree(message(id, FIRST, "[]").body());
        assertThat(first.get("turn").asInt()).isEqualTo(1);
        assertThat(first.get("condensed_by").asString()).isEqualTo("none");
        assertThat(first.get("standalone_question").asString()).isEqualTo(FIRST);

        HttpResponse<String> response = message(id, FOLLOW_UP, "[]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode second = JSON.readTree(response.body());
        assertThat(IngestAndAskIT.fieldNames(second))
                .containsExactly(
                        "answer",
                        "abstained",
                        "confidence",
                        "citations",
                        "generator",
                        "degraded",
                        "degraded_reason",
                        "model",
                        "prompt",
                        "route",
                        "usage",
                        "cached",
                        "trace_id",
                        "timings_ms",
                        "partially_embedded",
                        "conversation_id",
                        "turn",
                        "standalone_question",
                        "condensed_by",
                        "condense_fallback_reason");
        assertThat(second.get("conversation_id").asString()).isEqualTo(id);
        assertThat(second.get("turn").asInt()).isEqualTo(2);
        assertThat(second.get("condensed_by").asString()).isEqualTo("rules");
        assertThat(second.get("standalone_question").asString())
                .isEqualTo("How many days do the annual leave policy for employees get?");
        assertThat(second.get("abstained").asBoolean()).isFalse();
        assertThat(second.get("answer").asString()).contains("25 days");
        JsonNode citation = second.get("citations").get(0);
        assertThat(citation.get("source").asString()).isEqualTo("employee-handbook.pdf");
        assertThat(citation.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("timings_ms").has("condense")).isTrue();

        JsonNode history = JSON.readTree(get("/v1/conversations/" + id).body());
        assertThat(history.get("turns"))
                .extracting(t -> t.get("question").asString())
                .containsExactly(FIRST, FOLLOW_UP);
        assertThat(history.get("turns").get(1).get("standalone_question").asString())
                .isEqualTo(second.get("standalone_question").asString());
        assertThat(history.get("turns").get(1).get("trace_id").asString())
                .isEqualTo(second.get("trace_id").asString());
    }

    @Test
    void theHistorySurvivesARestart() throws Exception {
        String id = JSON.readTree(post("/v1/conversations", "{\"collection\": \"default\"}")
                        .body())
                .get("id")
                .asString();
        message(id, FIRST, "[]");

        server.close();
        start();

        JsonNode history = JSON.readTree(get("/v1/conversations/" + id).body());
        assertThat(history.get("turns")).hasSize(1);
        assertThat(history.get("turns").get(0).get("question").asString()).isEqualTo(FIRST);
        JsonNode followUp = JSON.readTree(message(id, FOLLOW_UP, "[]").body());
        assertThat(followUp.get("turn").asInt()).isEqualTo(2);
        assertThat(followUp.get("standalone_question").asString()).contains("annual leave policy for employees");
        assertThat(followUp.get("citations").get(0).get("source").asString()).isEqualTo("employee-handbook.pdf");
    }

    @Test
    void otherPrincipalsGetNotFoundAsForAnUnknownId() throws Exception {
        String id = JSON.readTree(post("/v1/conversations", "{\"principals\": [\"hr\", \"finance\"]}")
                        .body())
                .get("id")
                .asString();
        assertThat(message(id, FIRST, "[\"finance\", \"hr\"]").statusCode()).isEqualTo(200);

        for (String others : List.of("[]", "[\"hr\"]", "[\"hr\", \"finance\", \"sales\"]")) {
            HttpResponse<String> refused = message(id, FOLLOW_UP, others);
            assertProblem(refused, 404, "no conversation " + id + " is visible to these principals");
        }
        assertProblem(get("/v1/conversations/" + id), 404, "no conversation " + id);
        assertProblem(get("/v1/conversations/" + id + "?principals=hr"), 404, "no conversation " + id);
        assertProblem(message("conv_0000", FOLLOW_UP, "[]"), 404, "no conversation conv_0000 is visible");
        assertProblem(get("/v1/conversations/conv_0000"), 404, "no conversation conv_0000 is visible");

        JsonNode history = JSON.readTree(
                get("/v1/conversations/" + id + "?principals=hr,finance").body());
        assertThat(history.get("turns")).hasSize(1);
        assertThat(JSON.readTree(get("/v1/conversations/" + id + "?principals=finance&principals=hr")
                                .body())
                        .get("turns"))
                .hasSize(1);
    }

    @Test
    void streamsAFollowUpLikeAQueryEndingWithTheConversationAnswer() throws Exception {
        String id =
                JSON.readTree(post("/v1/conversations", "{}").body()).get("id").asString();
        message(id, FIRST, "[]");
        String body = "{\"question\": \"" + FOLLOW_UP + "\"";

        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(URI.create(base + "/v1/conversations/" + id + "/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body + ", \"stream\": true}"))
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/v1/conversations/" + id + "/messages"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(body + "}"))
                        .build())) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            List<String[]> events = ServerSentEvents.parse(response.body());
            assertThat(events)
                    .extracting(e -> e[0])
                    .endsWith("citations", "done")
                    .contains("token");
            StringBuilder streamed = new StringBuilder();
            events.stream()
                    .filter(e -> e[0].equals("token"))
                    .forEach(
                            e -> streamed.append(JSON.readTree(e[1]).get("text").asString()));
            JsonNode done = JSON.readTree(events.getLast()[1]);
            assertThat(done.get("answer").asString())
                    .isEqualTo(streamed.toString())
                    .contains("25 days");
            assertThat(done.get("conversation_id").asString()).isEqualTo(id);
            assertThat(done.get("standalone_question").asString()).contains("annual leave policy for employees");
            assertThat(JSON.readTree(events.get(events.size() - 2)[1])
                            .get(0)
                            .get("source")
                            .asString())
                    .isEqualTo("employee-handbook.pdf");
        }
        assertThat(JSON.readTree(get("/v1/conversations/" + id).body()).get("turns"))
                .extracting(t -> t.get("turn").asInt())
                .containsExactly(1, 2, 3);
    }

    @Test
    void badRequestsGetProblemDetailsThatSayWhatIsWrong() throws Exception {
        String id =
                JSON.readTree(post("/v1/conversations", "{}").body()).get("id").asString();

        assertProblem(post("/v1/conversations", "{\"collection\": \"Bad Name\"}"), 400, "collection must match");
        assertProblem(
                post("/v1/conversations", "{\"principals\": [\" \"]}"),
                400,
                "a principal must not be empty"); // Principals, the one normalisation rule, speaks first
        assertProblem(post("/v1/conversations/" + id + "/messages", "{\"question\": \"  \"}"), 400, "");
        assertProblem(
                post("/v1/conversations/" + id + "/messages", "{\"question\": \"x\", \"top_k\": 0}"),
                400,
                "top_k must be in 1..100, got 0");
        assertProblem(
                post("/v1/conversations/" + id + "/messages", "{\"question\": \"x\", \"mode\": \"magic\"}"),
                400,
                "retrieval mode must be one of bm25, vector, hybrid");
        assertProblem(
                post("/v1/conversations/" + id + "/messages", "{\"question\": \"" + "x".repeat(2_001) + "\"}"),
                400,
                "question must be at most 2000 characters");
        assertProblem(post("/v1/conversations/" + id + "/messages", "{not json"), 400, "");
        assertThat(JSON.readTree(get("/v1/conversations/" + id).body()).get("turns"))
                .isEmpty();
    }

    @Test
    void theOpenApiDocumentShowsTheConversationEndpoints() throws Exception {
        String openApi = get("/v3/api-docs").body();

        assertThat(openApi)
                .contains("\"/v1/conversations\"")
                .contains("\"/v1/conversations/{id}/messages\"")
                .contains("\"/v1/conversations/{id}\"")
                .contains("\"condense_fallback_reason\"");
    }

    private static HttpResponse<String> message(String id, String question, String principals) throws Exception {
        return post(
                "/v1/conversations/" + id + "/messages",
                "{\"question\": \"" + question + "\", \"principals\": " + principals + "}");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detail);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.verity");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
