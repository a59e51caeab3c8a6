package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.LlmConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer cache, routing by difficulty, the prompt A/B test and streaming through a language model, configured as
 * an operator would (environment and VERITY_CONFIG) against a fake that speaks the OpenAI protocol over real HTTP.
 */
class LlmAnswerOptionsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ANSWER = RefundPolicy.ANSWER;
    private static final String EASY = "Within how many days are refunds granted?";
    private static final String HARD = "Why are refunds granted within 21 days and how does the return process work?";

    @TempDir
    static Path root;

    private static Path seed;
    private FakeLlmServer fake;
    private Path data;

    @BeforeAll
    static void writeDocument() {
        seed = RefundPolicy.pdf(root);
    }

    @BeforeEach
    void startFake() {
        fake = FakeLlmServer.openAi();
        fake.respondWith(FakeResponse.reply(ANSWER));
        data = root.resolve("data-" + System.nanoTime());
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private Map<String, String> env(String yaml) throws Exception {
        Map<String, String> env = RefundPolicy.openAiEnv(fake, LlmConfig.DEFAULT_TIMEOUT);
        if (yaml != null) {
            Path file = Files.writeString(Files.createTempFile(root, "verity", ".yaml"), yaml);
            env.put("VERITY_CONFIG", file.toString());
        }
        return env;
    }

    private static QueryRequest question(String text) {
        return QueryRequest.of(text, SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
    }

    private static void ingest(Verity verity) {
        verity.ingestion()
                .ingest(
                        List.of(new SourceFile(seed, "policy.pdf")),
                        IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                        IngestionService.Listener.none());
    }

    @Test
    void theSameQuestionIsAnsweredOnceByTheModelThenFromTheCacheUntilTheIndexChanges() throws Exception {
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env(null)))) {
            ingest(verity);

            QueryResult first = verity.query().ask(question(EASY));
            QueryResult again = verity.query().ask(question("within how many days are refunds granted"));
            QueryResult otherCaller = verity.query()
                    .ask(QueryRequest.of(
                            EASY,
                            SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)
                                    .withPrincipals(java.util.Set.of("hr"))));
            assertThat(fake.callCount()).isEqualTo(2);
            assertThat(first.cached()).isFalse();
            assertThat(again.cached()).isTrue();
            assertThat(again.answer().text()).isEqualTo(first.answer().text());
            assertThat(again.answer().generation().costUsd()).isZero();
            assertThat(otherCaller.cached()).isFalse();

            Path other = SampleFiles.pdf(
                    root.resolve("other-" + System.nanoTime() + ".pdf"),
                    "Shipping",
                    List.of("Parcels ship within two working days."));
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(other, "shipping.pdf")),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
            QueryResult afterChange = verity.query().ask(question(EASY));

            assertThat(afterChange.cached()).isFalse();
            assertThat(fake.callCount()).isEqualTo(3);
        }
    }

    @Test
    void easyQuestionsGoToTheCheapModelAndHardOnesToTheStrongOneAndTheAnswerSaysWhichRoute() throws Exception {
        String yaml = """
                answers:
                  cache: {ttl_seconds: 0}
                  routing: {easy_model: small-model, hard_model: large-model}
                """;
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env(yaml)))) {
            ingest(verity);

            QueryResult easy = verity.query().ask(question(EASY));
            String easyModel =
                    JSON.readTree(fake.lastRequest().body()).get("model").asString();
            QueryResult hard = verity.query().ask(question(HARD));
            String hardModel =
                    JSON.readTree(fake.lastRequest().body()).get("model").asString();

            assertThat(easyModel).isEqualTo("small-model");
            assertThat(hardModel).isEqualTo("large-model");
            assertThat(easy.answer().generation().route())
                    .hasValueSatisfying(r -> assertThat(r.tier().code()).isEqualTo("easy"));
            assertThat(hard.answer().generation().route()).hasValueSatisfying(r -> {
                assertThat(r.tier().code()).isEqualTo("hard");
                assertThat(r.signals()).contains("reasoning_question");
            });
        }
    }

    @Test
    void thePromptExperimentSendsTheCandidateVersionAndStampsTheArmOnTheAnswer() throws Exception {
        String yaml = """
                answers:
                  cache: {ttl_seconds: 0}
                  prompt: {version: 1, candidate: 2, candidate_share: 1.0}
                """;
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env(yaml)))) {
            ingest(verity);

            QueryResult result = verity.query().ask(question(EASY));

            assertThat(result.answer().generation().prompt()).hasValueSatisfying(p -> {
                assertThat(p.version()).isEqualTo(2);
                assertThat(p.arm()).contains("candidate");
            });
            assertThat(fake.lastRequest().body()).contains("similar but different subject");
        }
    }

    @Test
    void aPinnedPromptVersionIsUsedAndAnUnknownOneStopsStartUpNamingTheShippedVersions() throws Exception {
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env("answers: {prompt: {version: 1}}")))) {
            ingest(verity);

            assertThat(verity.query().ask(question(EASY)).answer().generation().prompt())
                    .hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(1));
            assertThat(fake.lastRequest().body()).doesNotContain("similar but different subject");
        }
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, env("answers: {prompt: {version: 9}}")))) {
            assertThatThrownBy(verity::query)
                    .hasMessageContaining("answers.prompt.version")
                    .hasMessageContaining("no answer prompt version 9")
                    .hasMessageContaining("v1");
        }
        assertThatThrownBy(() -> VerityConfig.from(data, env("answers: {prompt: {candidate: 2}}")))
                .hasMessageContaining("candidate_share");
    }

    @Test
    void aStreamedQueryRelaysTheModelsTokensAsServerSentEventsAndEndsWithTheAnswerObject() throws Exception {
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env(null)))) {
            ingest(verity);
        }
        ConfigurableApplicationContext server = VerityServer.start(VerityConfig.from(data, env(null)), "127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"question\": \"" + EASY + "\", \"stream\": true}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            List<String[]> events = ServerSentEvents.parse(response.body());
            List<String> tokens = new ArrayList<>();
            for (String[] e : events) {
                if (e[0].equals("token")) {
                    tokens.add(JSON.readTree(e[1]).get("text").asString());
                }
            }
            assertThat(tokens)
                    .as("the answer arrives in several deltas, as the model writes it")
                    .hasSizeGreaterThan(3);
            JsonNode done = JSON.readTree(events.getLast()[1]);
            assertThat(events.getLast()[0]).isEqualTo("done");
            assertThat(done.get("answer").asString())
                    .isEqualTo(String.join("", tokens))
                    .isEqualTo("Refunds are granted within 21 days.");
            assertThat(done.get("generator").asString()).isEqualTo("llm");
            assertThat(done.get("prompt").get("version").asInt()).isEqualTo(2);
            assertThat(done.get("cached").asBoolean()).isFalse();
            RecordedRequest sent = fake.lastRequest();
            assertThat(JSON.readTree(sent.body()).get("stream").asBoolean()).isTrue();
            // one chat; the other request is the start-up warm-up's free model list (GET /v1/models)
            assertThat(fake.requests()).extracting(RecordedRequest::method).containsExactly("GET", "POST");
        } finally {
            server.close();
        }
    }
}
