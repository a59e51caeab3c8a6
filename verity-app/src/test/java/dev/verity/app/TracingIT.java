package dev.verity.app;

import static dev.verity.app.observability.tracing.OtlpReceiver.named;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.observability.tracing.OtlpReceiver;
import dev.verity.app.observability.tracing.OtlpReceiver.ReceivedSpan;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.query.QueryRequest;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces exported over OTLP/HTTP by a real server, configured only by the standard {@code OTEL_*} variables, to a
 * receiver that decodes the protobuf requests: the span tree of an answer, the GenAI attributes of each provider
 * attempt against a fake OpenAI server, a caller's {@code traceparent} continued, no question text or personal data
 * in any attribute, and one trace per ingested file.
 */
class TracingIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String QUESTION = "Within how many days are refunds granted?";
    private static final String EMAIL = "ana.berg@example.com";

    @TempDir
    static Path root;

    private static OtlpReceiver receiver;
    private static FakeLlmServer fake;
    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        receiver = OtlpReceiver.start();
        fake = FakeLlmServer.openAi();
        Map<String, String> env = RefundPolicy.openAiEnv(fake, Duration.ofSeconds(10));
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("OTEL_BSP_SCHEDULE_DELAY", "50"); // export within moments, so the test need not wait long
        server = VerityServer.start(VerityConfig.from(root.resolve("data"), env), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> upload = upload(RefundPolicy.pdf(root));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        fake.close();
        receiver.close();
    }

    @BeforeEach
    void healthyModel() {
        fake.reset().respondWith(FakeResponse.reply(RefundPolicy.ANSWER).usage(420, 17));
    }

    @Test
    void anAnswerIsOneTraceFromTheServerSpanThroughEachStepToTheModelCall() throws Exception {
        HttpResponse<String> response = query(QUESTION, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String traceId = JSON.readTree(response.body()).get("trace_id").asString();

        List<ReceivedSpan> trace = awaitTrace(traceId, "llm_call", "POST /v1/query");

        ReceivedSpan http = named(trace, "POST /v1/query").orElseThrow();
        assertThat(http.isRoot()).isTrue();
        assertThat(http.attributes())
                .containsEntry("http.request.method", "POST")
                .containsEntry("http.route", "/v1/query")
                .containsEntry("http.response.status_code", 200L);
        ReceivedSpan query = named(trace, "query").orElseThrow();
        assertThat(query.parentSpanId()).isEqualTo(http.spanId());
        for (String step : List.of("guard_question", "bm25", "embed_query", "vector", "fuse", "rerank", "generate")) {
            assertThat(named(trace, step))
                    .as(step)
                    .hasValueSatisfying(s -> assertThat(s.parentSpanId()).isEqualTo(query.spanId()));
        }
        ReceivedSpan generate = named(trace, "generate").orElseThrow();
        ReceivedSpan llm = named(trace, "llm").orElseThrow();
        assertThat(llm.parentSpanId()).isEqualTo(generate.spanId());
        ReceivedSpan call = named(trace, "llm_call").orElseThrow();
        assertThat(call.parentSpanId()).isEqualTo(llm.spanId());
        // flags: sampled, and (W3C level 2) a random trace id
        assertThat(response.headers().firstValue("traceparent"))
                .hasValueSatisfying(
                        header -> assertThat(header).startsWith("00-" + traceId + "-" + http.spanId() + "-"));
        assertThat(receiver.serviceNames()).contains("verity");

        ReceivedSpan bm25 = named(trace, "bm25").orElseThrow();
        assertThat(bm25.attributes()).containsKeys("verity.retrieval.k", "verity.retrieval.hits");
        assertThat((Long) bm25.attribute("verity.retrieval.hits")).isPositive();
        assertThat(bm25.attribute("verity.retrieval.top_score")).isInstanceOf(Double.class);
    }

    @Test
    void eachProviderAttemptCarriesTheGenAiAttributes() throws Exception {
        fake.reset()
                .respondInSequence(
                        FakeResponse.status(500),
                        FakeResponse.reply(RefundPolicy.ANSWER).usage(420, 17));

        HttpResponse<String> response = query(QUESTION + " After purchase?", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String traceId = JSON.readTree(response.body()).get("trace_id").asString();
        List<ReceivedSpan> trace = awaitTrace(traceId, "llm");

        List<ReceivedSpan> calls =
                trace.stream().filter(s -> s.name().equals("llm_call")).toList();
        assertThat(calls).hasSize(2);
        ReceivedSpan failed = calls.stream()
                .filter(s -> s.attribute("verity.attempt").equals(1L))
                .findFirst()
                .orElseThrow();
        ReceivedSpan ok = calls.stream()
                .filter(s -> s.attribute("verity.attempt").equals(2L))
                .findFirst()
                .orElseThrow();
        assertThat(failed.attributes())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-test")
                .containsEntry("verity.result", "server_error")
                .containsEntry("error.type", "server_error");
        assertThat(ok.attributes())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-test")
                .containsEntry("gen_ai.response.model", FakeResponse.DEFAULT_MODEL)
                .containsEntry("gen_ai.usage.input_tokens", 420L)
                .containsEntry("gen_ai.usage.output_tokens", 17L)
                .containsEntry("gen_ai.response.finish_reasons", "stop")
                .containsEntry("verity.result", "ok")
                .doesNotContainKey("error.type");
        assertThat(named(trace, "llm").orElseThrow().attributes())
                .containsEntry("gen_ai.request.model", "gpt-test")
                .containsEntry("gen_ai.usage.input_tokens", 420L)
                .containsEntry("verity.result", "ok");
    }

    @Test
    void aCallersTraceparentIsContinuedAndTheAnswerNamesThatTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";

        HttpResponse<String> response = query(QUESTION + " Please?", "00-" + traceId + "-" + parent + "-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("trace_id").asString()).isEqualTo(traceId);
        List<ReceivedSpan> trace = awaitTrace(traceId, "POST /v1/query", "llm_call");
        assertThat(named(trace, "POST /v1/query").orElseThrow().parentSpanId()).isEqualTo(parent);
        assertThat(response.headers().firstValue("traceparent"))
                .hasValueSatisfying(header -> assertThat(header).startsWith("00-" + traceId + "-"));
    }

    @Test
    void anInvalidTraceparentIsIgnored() throws Exception {
        HttpResponse<String> response =
                query(QUESTION + " At all?", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String traceId = JSON.readTree(response.body()).get("trace_id").asString();
        assertThat(traceId).isNotEqualTo("00000000000000000000000000000000");
        assertThat(named(awaitTrace(traceId, "POST /v1/query"), "POST /v1/query")
                        .orElseThrow()
                        .isRoot())
                .isTrue();
    }

    @Test
    void noSpanAttributeHoldsTheQuestionOrPersonalData() throws Exception {
        String question = "Within how many days are refunds granted to " + EMAIL + "?";

        HttpResponse<String> response = query(question, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String traceId = JSON.readTree(response.body()).get("trace_id").asString();
        awaitTrace(traceId, "llm_call", "POST /v1/query");

        Set<String> values = receiver.spans().stream()
                .flatMap(s -> s.attributes().values().stream())
                .map(String::valueOf)
                .collect(Collectors.toSet());
        assertThat(values).noneMatch(v -> v.contains(EMAIL));
        assertThat(values).noneMatch(v -> v.contains("refunds granted"));
        assertThat(values).noneMatch(v -> v.contains(RefundPolicy.FACT));
        assertThat(named(receiver.trace(traceId), "query").orElseThrow().attributes())
                .doesNotContainKey("verity.question");
    }

    @Test
    void aConversationsCondensingIsASpanOfTheCallersTrace() throws Exception {
        HttpResponse<String> started = post("/v1/conversations", "{}", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = JSON.readTree(started.body()).get("id").asString();
        String first = "0af7651916cd43dd8448eb211c80319c";
        String second = "1af7651916cd43dd8448eb211c80319d";

        HttpResponse<String> asked = post(
                "/v1/conversations/" + id + "/messages",
                "{\"question\": \"What is the refund policy?\"}",
                "00-" + first + "-b7ad6b7169203331-01");
        HttpResponse<String> followUp = post(
                "/v1/conversations/" + id + "/messages",
                "{\"question\": \"Within how many days are they granted?\"}",
                "00-" + second + "-b7ad6b7169203331-01");

        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(JSON.readTree(asked.body()).get("trace_id").asString()).isEqualTo(first);
        assertThat(JSON.readTree(followUp.body()).get("trace_id").asString()).isEqualTo(second);
        List<ReceivedSpan> trace =
                awaitTrace(second, "condense", "query", "llm_call", "POST /v1/conversations/{id}/messages");
        ReceivedSpan http = named(trace, "POST /v1/conversations/{id}/messages").orElseThrow();
        ReceivedSpan condense = named(trace, "condense").orElseThrow();
        assertThat(condense.parentSpanId()).isEqualTo(http.spanId());
        assertThat(condense.attributes()).containsKey("condensed_by").containsEntry("history_turns", 1L);
        assertThat(trace.stream()
                        .filter(s ->
                                s.name().equals("llm_call") && s.parentSpanId().equals(condense.spanId())))
                .as("the condensing model call")
                .singleElement()
                .satisfies(call -> assertThat(call.attributes()).containsEntry("gen_ai.request.model", "gpt-test"));
        assertThat(named(trace, "query").orElseThrow().parentSpanId()).isEqualTo(http.spanId());
    }

    @Test
    void withContentTracingTheRootSpanHoldsTheQuestionWithItsPersonalDataMasked() {
        try (OtlpReceiver own = OtlpReceiver.start()) {
            Map<String, String> env =
                    Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", own.endpoint(), "VERITY_TRACE_CONTENT", "true");
            String traceId;
            try (Verity verity = Verity.forWriting(VerityConfig.from(root.resolve("content-data"), env))) {
                traceId = verity.query()
                        .ask(QueryRequest.of(
                                "Within how many days are refunds granted to " + EMAIL + "?",
                                SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)))
                        .traceId();
            } // closing flushes the spans not yet exported

            ReceivedSpan query = named(own.await(all -> named(all, "query").isPresent()), "query")
                    .orElseThrow();
            assertThat(query.traceId()).isEqualTo(traceId);
            assertThat(query.attribute("verity.question"))
                    .isEqualTo("Within how many days are refunds granted to [email]?");
        }
    }

    @Test
    void eachIngestedFileIsATraceOfItsSteps() {
        List<ReceivedSpan> spans = receiver.await(all -> named(all, "ingest")
                .map(root -> Set.of("parse", "chunk", "guard", "embed", "index").stream()
                        .allMatch(step -> all.stream()
                                .anyMatch(s -> s.name().equals(step)
                                        && s.parentSpanId().equals(root.spanId()))))
                .orElse(false));

        ReceivedSpan ingest = named(spans, "ingest").orElseThrow();
        assertThat(ingest.attributes())
                .containsEntry("media_type", "application/pdf")
                .containsEntry("status", "indexed")
                .containsEntry("pages", 1L)
                .containsKey("chunks");
        assertThat(spans.stream()
                        .filter(s ->
                                s.name().equals("guard") && s.parentSpanId().equals(ingest.spanId()))
                        .findFirst()
                        .orElseThrow()
                        .attributes())
                .containsKeys("guard", "allowed", "flagged", "blocked");
        assertThat(named(spans, "parse").orElseThrow().attributes()).containsEntry("ocr_pages", 0L);

        // the vectors are computed behind, in bulk: each round is a trace of its own
        List<ReceivedSpan> all = receiver.await(received -> named(received, "backfill")
                .map(round -> received.stream()
                        .filter(s -> s.parentSpanId().equals(round.spanId()))
                        .map(ReceivedSpan::name)
                        .collect(Collectors.toSet())
                        .containsAll(Set.of("embed", "index", "commit")))
                .orElse(false));
        ReceivedSpan round = named(all, "backfill").orElseThrow();
        assertThat(round.isRoot()).isTrue();
        assertThat((Long) round.attribute("chunks")).isPositive();
    }

    private static List<ReceivedSpan> awaitTrace(String traceId, String... names) {
        receiver.await(all -> Set.of(names).stream()
                .allMatch(name -> all.stream()
                        .anyMatch(s -> s.traceId().equals(traceId) && s.name().equals(name))));
        return receiver.trace(traceId);
    }

    private static HttpResponse<String> query(String question, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("question", question, "top_k", 5))));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
