package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.testkit.files.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API of `verity serve`, started for real on a free loopback port. */
class HttpApiIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path root;

    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void start() {
        server = VerityServer.start(VerityConfig.from(root.resolve("data"), Map.of()), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLocalCallerOfALoopbackServerWithoutKeysReadsTheMetrics() throws Exception {
        HttpResponse<String> scraped = get("/actuator/prometheus");

        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("verity_answers_total{outcome=\"answered\"}");
    }

    @Test
    void uploadsListsQueriesAndDeletes() throws Exception {
        Path pdf =
                SampleFiles.pdf(root.resolve("policy.pdf"), "Policy", List.of("Refunds are granted within 21 days."));
        Path bad = SampleFiles.png(root.resolve("scan.png"));

        HttpResponse<String> upload = upload("docs", Map.of(), pdf, bad);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(upload.body()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("source").asString()).isEqualTo("policy.pdf");
        assertThat(results.get(0).get("status").asString()).isEqualTo("indexed");
        assertThat(results.get(1).get("status").asString()).isEqualTo("rejected");
        assertThat(results.get(1).get("reason").asString()).isEqualTo("no_text");
        String id = results.get(0).get("document_id").asString();

        JsonNode one = JSON.readTree(get("/v1/collections/docs/documents/" + id).body());
        assertThat(one.get("source").asString()).isEqualTo("policy.pdf");
        assertThat(one.get("quality").get("pages").asInt()).isEqualTo(1);
        assertThat(one.get("quality").get("ocr_pages").asInt()).isZero();
        assertThat(one.get("quality").get("warnings")).isEmpty();
        assertProblem(get("/v1/collections/other/documents/" + id), 404, "has no document " + id);

        JsonNode listed = JSON.readTree(get("/v1/collections/docs/documents").body());
        assertThat(listed.get("documents"))
                .extracting(d -> d.get("source").asString())
                .containsExactly("policy.pdf");

        HttpResponse<String> query = post("/v1/query", """
                {"collection": "docs", "question": "Within how many days are refunds granted?", "top_k": 5}""");
        assertThat(query.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(query.body());
        assertThat(IngestAndAskIT.fieldNames(answer))
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
                        "partially_embedded");
        assertThat(answer.get("answer").asString()).contains("21 days");
        assertThat(answer.get("citations").get(0).get("source").asString()).isEqualTo("policy.pdf");
        assertThat(answer.get("citations").get(0).get("page").asInt()).isEqualTo(1);

        HttpResponse<String> delete =
                send(HttpRequest.newBuilder(URI.create(base + "/v1/collections/docs/documents/" + id))
                        .DELETE()
                        .build());
        assertThat(delete.statusCode()).isEqualTo(204);
        HttpResponse<String> again =
                send(HttpRequest.newBuilder(URI.create(base + "/v1/collections/docs/documents/" + id))
                        .DELETE()
                        .build());
        assertProblem(again, 404, "has no document " + id);
        assertThat(JSON.readTree(get("/v1/collections/docs/documents").body()).get("documents"))
                .isEmpty();
    }

    @Test
    void aCallersTraceparentNamesTheAnswersTraceEvenWithTracingOff() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> continued = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What is the trace of this?\"}"))
                .build());
        HttpResponse<String> invalid = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId.toUpperCase(java.util.Locale.ROOT) + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What is the trace of that?\"}"))
                .build());

        assertThat(continued.statusCode()).as(continued.body()).isEqualTo(200);
        assertThat(JSON.readTree(continued.body()).get("trace_id").asString()).isEqualTo(traceId);
        assertThat(continued.headers().firstValue("traceparent")).hasValue("00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(200);
        assertThat(JSON.readTree(invalid.body()).get("trace_id").asString())
                .as("an upper-case trace id is invalid (W3C): ignored, a new trace id is made")
                .isNotEqualTo(traceId)
                .hasSize(32);
        assertThat(invalid.headers().firstValue("traceparent")).isEmpty();
    }

    @Test
    void restrictedUploadsReachOnlyCallersHoldingAPrincipal() throws Exception {
        Path pdf = SampleFiles.pdf(
                root.resolve("bands.pdf"), "Bands", List.of("The director salary band ends at $241,000."));
        assertThat(upload("hr", Map.of("acl", "hr, finance"), pdf).statusCode()).isEqualTo(200);

        String question = "What is the top of the director salary band?";
        HttpResponse<String> anonymous =
                post("/v1/query", "{\"collection\": \"hr\", \"question\": \"" + question + "\"}");
        HttpResponse<String> outsider = post(
                "/v1/query",
                "{\"collection\": \"hr\", \"question\": \"" + question + "\", \"principals\": [\"sales\"]}");
        HttpResponse<String> finance = post(
                "/v1/query",
                "{\"collection\": \"hr\", \"question\": \"" + question + "\", \"principals\": [\"finance\"]}");

        assertThat(anonymous.body()).doesNotContain("241,000").doesNotContain("bands.pdf");
        assertThat(outsider.body()).doesNotContain("241,000").doesNotContain("bands.pdf");
        assertThat(JSON.readTree(anonymous.body()).get("abstained").asBoolean()).isTrue();
        assertThat(finance.body()).contains("241,000").contains("bands.pdf");
    }

    @Test
    void aRestrictedDocumentIsInvisibleOverHttpAndAnUploadOverItIsRefusedWithoutChangingIt() throws Exception {
        Path memo = SampleFiles.pdf(
                root.resolve("memo.pdf"), "Board memo", List.of("The board approved the merger at 9 pm."));
        HttpResponse<String> stored = upload("board", Map.of("acl", "group:board", "principals", "group:board"), memo);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        String id = JSON.readTree(stored.body())
                .get("results")
                .get(0)
                .get("document_id")
                .asString();
        String documents = "/v1/collections/board/documents";

        HttpResponse<String> list = get(documents);
        HttpResponse<String> collections = get("/v1/collections");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(id).doesNotContain("memo.pdf");
        assertThat(collections.body()).doesNotContain("board");
        assertProblem(get(documents + "/" + id), 404, "collection board has no document " + id);
        assertProblem(get(documents + "/" + id + "?principals=group:Board"), 404, "has no document");
        assertProblem(
                send(HttpRequest.newBuilder(URI.create(base + documents + "/" + id))
                        .DELETE()
                        .build()),
                404,
                "collection board has no document " + id);

        Path overwrite = SampleFiles.pdf(
                root.resolve("replacement").resolve("memo.pdf"), "Memo", List.of("Nothing happened at the board."));
        HttpResponse<String> refused = upload("board", Map.of(), overwrite);
        assertProblem(refused, 409, "cannot store \"memo.pdf\" in collection board");
        assertThat(refused.body()).doesNotContain(id).doesNotContain("group:board");

        HttpResponse<String> member = get(documents + "/" + id + "?principals=group:board%20");
        assertThat(member.statusCode())
                .as("principals compare normalised: the trailing space is stripped")
                .isEqualTo(200);
        assertThat(JSON.readTree(member.body()).get("version").asInt())
                .as("unchanged")
                .isEqualTo(1);
        assertThat(JSON.readTree(member.body()).get("sha256").asString())
                .isEqualTo(dev.verity.internal.Hashing.sha256(memo));
        assertThat(JSON.readTree(get("/v1/collections?principals=group:board").body())
                        .get("collections"))
                .anySatisfy(c -> {
                    assertThat(c.get("name").asString()).isEqualTo("board");
                    assertThat(c.get("documents").asInt()).isEqualTo(1);
                });
    }

    @Test
    void filtersApplyToBothRetrievalLegs() throws Exception {
        String more = " It is open every weekday and the forklift drivers work in two shifts. Deliveries arrive each"
                + " morning and are checked by the receiving team before they are stored on the racks.";
        Path a = SampleFiles.pdf(
                root.resolve("alpha.pdf"), "Alpha", List.of("The alpha warehouse stores 300 pallets." + more));
        Path b = SampleFiles.pdf(
                root.resolve("beta.pdf"), "Beta", List.of("The beta warehouse stores 500 pallets." + more));
        upload("filters", Map.of(), a, b);

        JsonNode answer = JSON.readTree(post("/v1/query", """
                {"collection": "filters", "question": "How many pallets does the warehouse store?",
                 "filters": {"sources": ["beta.pdf"], "languages": ["en"], "media_types": ["application/pdf"],
                             "ingested_after": "2020-01-01"}}""").body());

        assertThat(answer.get("citations"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.get("source").asString()).isEqualTo("beta.pdf"));
    }

    @Test
    void badRequestsGetProblemDetailsThatSayWhatIsWrong() throws Exception {
        assertProblem(post("/v1/query", "{\"question\": \"   \"}"), 400, "");
        assertProblem(
                post("/v1/query", "{\"question\": \"x\", \"collection\": \"Bad Name\"}"), 400, "collection must match");
        assertProblem(post("/v1/query", "{\"question\": \"x\", \"top_k\": 0}"), 400, "top_k must be in 1..100, got 0");
        assertProblem(
                post("/v1/query", "{\"question\": \"x\", \"mode\": \"magic\"}"),
                400,
                "retrieval mode must be one of bm25, vector, hybrid");
        assertProblem(
                post("/v1/query", "{\"question\": \"x\", \"filters\": {\"ingested_after\": \"yesterday\"}}"),
                400,
                "filters.ingested_after must be a date");
        assertProblem(post("/v1/query", "{not json"), 400, "");
        assertProblem(
                post("/v1/query", "{\"question\": \"" + "x".repeat(2_001) + "\"}"),
                400,
                "question must be at most 2000 characters, got 2001");
    }

    @Test
    void strictJsonRefusesWrongTypesAndUnknownFieldsNamingTheField() throws Exception {
        assertProblem(post("/v1/query", "{\"question\": 42}"), 400, "field \"question\" has the wrong type");
        assertProblem(post("/v1/query", "{\"question\": \"x\", \"qestion\": \"y\"}"), 400, "unknown field \"qestion\"");
        assertProblem(
                post("/v1/query", "{\"question\": \"x\", \"top_k\": \"5\"}"),
                400,
                "field \"top_k\" has the wrong type");
    }

    @Test
    void aFiveThousandCharacterQuestionIsRefusedWith400NamingTheLimitOnQueryAndConversations() throws Exception {
        String question = "why ".repeat(1_250);
        assertProblem(
                post("/v1/query", "{\"question\": \"" + question + "\"}"),
                400,
                "question must be at most 2000 characters, got 5000: ask a shorter question");
        String conversation =
                JSON.readTree(post("/v1/conversations", "{}").body()).get("id").asString();
        assertProblem(
                post("/v1/conversations/" + conversation + "/messages", "{\"question\": \"" + question + "\"}"),
                400,
                "question must be at most 2000 characters, got 5000: ask a shorter question");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheStoredAnswerAndRefusesADifferentRequest() throws Exception {
        Path pdf =
                SampleFiles.pdf(root.resolve("idem.pdf"), "Idem", List.of("The idempotent warehouse opens at 6 am."));
        upload("idem", Map.of(), pdf);
        String body = "{\"collection\": \"idem\", \"question\": \"When does the idempotent warehouse open?\"}";

        HttpResponse<String> first = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        HttpResponse<String> repeat = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-1")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("open?", "close?")))
                .build());
        HttpResponse<String> noKey = post("/v1/query", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(repeat.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(JSON.readTree(noKey.body()).get("trace_id").asString())
                .isNotEqualTo(JSON.readTree(first.body()).get("trace_id").asString());
        assertProblem(other, 422, "was already used for a different request");
    }

    @Test
    void aRetriedUploadWithTheSameIdempotencyKeyReturnsTheStoredResultsWithoutIngestingAgain() throws Exception {
        Path pdf = SampleFiles.pdf(root.resolve("retry.pdf"), "Retry", List.of("The retry depot has 3 doors."));
        Path other = SampleFiles.pdf(root.resolve("other.pdf"), "Other", List.of("The other depot has 4 doors."));

        HttpResponse<String> first = upload("retry", Map.of(), "upload-1", pdf);
        HttpResponse<String> repeat = upload("retry", Map.of(), "upload-1", pdf);
        HttpResponse<String> again = upload("retry", Map.of(), pdf);
        HttpResponse<String> different = upload("retry", Map.of(), "upload-1", other);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body())
                        .get("results")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("indexed");
        assertThat(JSON.readTree(repeat.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(JSON.readTree(again.body())
                        .get("results")
                        .get(0)
                        .get("status")
                        .asString())
                .as("without the key the upload runs again and finds the document unchanged")
                .isEqualTo("unchanged");
        assertProblem(different, 422, "was already used for a different request");
    }

    @Test
    void anUploadIsQueuedAndItsProgressFollowedUntilEveryFileIsDone() throws Exception {
        Path pdf = SampleFiles.pdf(root.resolve("queued.pdf"), "Queued", List.of("The queued depot has 9 doors."));
        Path bad = SampleFiles.png(root.resolve("queued.png")); // a blank image: OCR finds no text in it

        HttpResponse<String> accepted = upload("queued", false, Map.of(), null, pdf, bad);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(accepted.body());
        String batchId = body.get("batch_id").asString();
        assertThat(batchId).startsWith("b_");
        assertThat(body.get("results")).isEmpty();
        assertThat(body.get("batch").get("total").asInt()).isEqualTo(2);
        assertThat(accepted.headers().firstValue("Location")).contains("/v1/jobs/" + batchId);
        JsonNode batch = JSON.readTree(get("/v1/jobs/" + batchId).body());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!batch.get("state").asString().equals("finished") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            batch = JSON.readTree(get("/v1/jobs/" + batchId).body());
        }
        assertThat(batch.get("state").asString()).isEqualTo("finished");
        assertThat(batch.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(batch.get("indexed").asInt()).isEqualTo(1);
        assertThat(batch.get("rejected").asInt()).isEqualTo(1);
        JsonNode jobs = batch.get("jobs");
        assertThat(jobs).extracting(j -> j.get("source").asString()).containsExactly("queued.pdf", "queued.png");
        assertThat(jobs.get(1).get("reason").asString()).isEqualTo("no_text");
        String jobId = jobs.get(0).get("id").asString();
        assertThat(JSON.readTree(get("/v1/jobs/" + jobId).body()).get("status").asString())
                .isEqualTo("indexed");
        // searchable by keyword once indexed; by meaning once the backfill has embedded it, a moment later
        JsonNode indexedJob = JSON.readTree(get("/v1/jobs/" + jobId).body());
        assertThat(indexedJob.get("keyword_searchable_at").isNull()).isFalse();
        while (indexedJob.get("vector_searchable_at").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            indexedJob = JSON.readTree(get("/v1/jobs/" + jobId).body());
        }
        assertThat(Instant.parse(indexedJob.get("vector_searchable_at").asString()))
                .isAfterOrEqualTo(
                        Instant.parse(indexedJob.get("keyword_searchable_at").asString()));
        assertThat(jobs.get(1).get("keyword_searchable_at").isNull())
                .as("rejected")
                .isTrue();
        assertThat(JSON.readTree(get("/v1/jobs").body()).get("batches"))
                .extracting(b -> b.get("id").asString())
                .contains(batchId);
        assertProblem(get("/v1/jobs/b_nosuchbatch"), 404, "no ingestion batch or job b_nosuchbatch");
        assertThat(JSON.readTree(post("/v1/query", """
                {"collection": "queued", "question": "How many doors does the queued depot have?"}""").body()).get("answer").asString())
                .contains("9 doors");
    }

    @Test
    void streamsTheAnswerAsServerSentEventsEndingWithTheAnswerObject() throws Exception {
        Path pdf = SampleFiles.pdf(root.resolve("stream.pdf"), "Stream", List.of("The streaming dock has 14 bays."));
        upload("stream", Map.of(), pdf);
        String question = "{\"collection\": \"stream\", \"question\": \"How many bays does the streaming dock have?\"";

        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(question + ", \"stream\": true}"))
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(question + "}"))
                        .build())) {
            HttpResponse<String> response = send(request);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            List<String[]> events = ServerSentEvents.parse(response.body());
            assertThat(events)
                    .extracting(e -> e[0])
                    .endsWith("citations", "done")
                    .contains("token");
            StringBuilder streamed = new StringBuilder();
            for (String[] e : events) {
                if (e[0].equals("token")) {
                    streamed.append(JSON.readTree(e[1]).get("text").asString());
                }
            }
            JsonNode done = JSON.readTree(events.getLast()[1]);
            assertThat(done.get("answer").asString())
                    .isEqualTo(streamed.toString())
                    .contains("14 bays");
            assertThat(JSON.readTree(events.get(events.size() - 2)[1])
                            .get(0)
                            .get("source")
                            .asString())
                    .isEqualTo("stream.pdf");
        }
    }

    @Test
    void reportsHealthAndPublishesAnOpenApiDocument() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        HttpResponse<String> openApi = get("/v3/api-docs");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("verity");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/v1/query").contains("/v1/collections/{collection}/documents");
    }

    @Test
    void healthChecksTheDiskOfTheDataFolder() throws Exception {
        JsonNode health = JSON.readTree(get("/actuator/health").body());

        assertThat(health.get("components")
                        .get("diskSpace")
                        .get("details")
                        .get("path")
                        .asString())
                .isEqualTo(root.resolve("data").toAbsolutePath().toString());
    }

    @Test
    void theOpenApiDocumentDescribesTheAnswerAndEveryResponse() throws Exception {
        JsonNode api = JSON.readTree(get("/v3/api-docs").body());
        JsonNode paths = api.get("paths");

        JsonNode query = paths.get("/v1/query").get("post");
        assertThat(query.get("operationId").asString()).isEqualTo("query");
        assertThat(query.get("responses")
                        .get("200")
                        .get("content")
                        .get("application/json")
                        .get("schema")
                        .get("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/AnswerView");
        assertThat(api.get("components")
                        .get("schemas")
                        .get("AnswerView")
                        .get("properties")
                        .has("citations"))
                .isTrue();
        assertThat(api.get("components")
                        .get("schemas")
                        .get("QueryBody")
                        .get("properties")
                        .get("mode")
                        .get("enum"))
                .extracting(JsonNode::asString)
                .containsExactly("hybrid", "bm25", "vector");

        JsonNode upload = paths.get("/v1/collections/{collection}/documents").get("post");
        assertThat(upload.get("operationId").asString()).isEqualTo("uploadDocuments");
        assertThat(IngestAndAskIT.fieldNames(upload.get("responses"))).contains("202", "200", "400");
        assertThat(upload.get("parameters"))
                .extracting(p -> p.get("name").asString())
                .doesNotContain("acl", "file");
        assertThat(upload.get("requestBody")
                        .get("content")
                        .get("multipart/form-data")
                        .get("schema")
                        .get("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/UploadForm");
        assertThat(IngestAndAskIT.fieldNames(
                        api.get("components").get("schemas").get("UploadForm").get("properties")))
                .containsExactly("file", "acl");

        JsonNode delete =
                paths.get("/v1/collections/{collection}/documents/{documentId}").get("delete");
        assertThat(IngestAndAskIT.fieldNames(delete.get("responses"))).containsExactlyInAnyOrder("204", "404");
        assertThat(delete.get("responses")
                        .get("404")
                        .get("content")
                        .get("application/problem+json")
                        .get("schema")
                        .get("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/ProblemDetail");
        assertThat(api.get("components").get("schemas").has("ProblemDetail")).isTrue();
        assertThat(paths.findValues("operationId"))
                .extracting(JsonNode::asString)
                .noneMatch(id -> id.matches(".*_\\d+"));
    }

    @Test
    void servesSwaggerUiFromTheJarWithoutACdn() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/index.html");
        HttpResponse<String> script = get("/swagger-ui/swagger-ui-bundle.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("swagger-ui-bundle.js")
                .doesNotContain("//unpkg")
                .doesNotContain("cdn");
        assertThat(script.statusCode()).isEqualTo(200);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.get("detail").asString()).contains(detail);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.verity");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static HttpResponse<String> upload(String collection, Map<String, String> fields, Path... files)
            throws Exception {
        return upload(collection, fields, null, files);
    }

    private static HttpResponse<String> upload(
            String collection, Map<String, String> fields, String idempotencyKey, Path... files) throws Exception {
        return upload(collection, true, fields, idempotencyKey, files);
    }

    private static HttpResponse<String> upload(
            String collection, boolean wait, Map<String, String> fields, String idempotencyKey, Path... files)
            throws Exception {
        String boundary = "verity-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                            + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : files) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + "/v1/collections/" + collection + "/documents" + (wait ? "?wait=true" : "")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
