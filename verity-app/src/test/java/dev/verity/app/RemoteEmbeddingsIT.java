package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.index.IndexUnavailableException;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.query.QueryRequest;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.RecordedRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample corpus embedded by a remote model configured only through {@code VERITY_EMBEDDING_*}, against a fake
 * that speaks the OpenAI embeddings protocol over real HTTP: ingestion in batches, a cited answer, and a data folder
 * that refuses to be opened with the default ONNX model afterwards.
 */
class RemoteEmbeddingsIT {
    private static final int BATCH_SIZE = 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    private static FakeLlmServer fake;
    private static Path data;
    private static List<IngestResult> ingested;
    private static int callsToIngest;

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("VERITY_EMBEDDING_PROVIDER", "openai");
        env.put("VERITY_EMBEDDING_BASE_URL", fake.baseUrl());
        env.put("VERITY_EMBEDDING_API_KEY", fake.apiKey());
        env.put("VERITY_EMBEDDING_MODEL", "text-embedding-3-small");
        env.put("VERITY_EMBEDDING_DIMENSIONS", "256");
        env.put("VERITY_EMBEDDING_BATCH_SIZE", Integer.toString(BATCH_SIZE));
        env.put("VERITY_EMBEDDING_TIMEOUT_MS", "5000");
        return env;
    }

    @BeforeAll
    static void ingestTheSampleCorpusThroughTheRemoteModel() throws Exception {
        fake = FakeLlmServer.openAi();
        data = root.resolve("data");
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env()))) {
            ingested = verity.ingestion()
                    .ingest(
                            SourceFiles.expand(List.of(Samples.DIR.resolve("corpus"))),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
        }
        callsToIngest = fake.embeddingCallCount();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    private static Answer ask(String question) {
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, env()))) {
            return verity.query()
                    .ask(QueryRequest.of(question, SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)))
                    .answer();
        }
    }

    @Test
    void everySampleIsIndexedWithVectorsFromTheRemoteModelInBatches() {
        assertThat(ingested)
                .hasSize(14)
                .allSatisfy(r -> assertThat(r.status())
                        .as(r.source() + ": " + r.message())
                        .isEqualTo(IngestStatus.INDEXED));
        int chunks = ingested.stream().mapToInt(IngestResult::chunks).sum();
        List<RecordedRequest> calls = fake.embeddingRequests().subList(0, callsToIngest);
        int embedded = 0;
        for (RecordedRequest call : calls) {
            JsonNode body = JSON.readTree(call.body());
            assertThat(call.path()).isEqualTo("/v1/embeddings");
            assertThat(body.path("model").asString()).isEqualTo("text-embedding-3-small");
            assertThat(body.path("dimensions").asInt()).isEqualTo(256);
            assertThat(body.path("input").size()).isBetween(1, BATCH_SIZE);
            embedded += body.path("input").size();
        }
        // Each distinct chunk text is embedded once; the corpus repeats none, so every chunk is one input.
        assertThat(embedded).isEqualTo(chunks);
        assertThat(callsToIngest).isGreaterThanOrEqualTo((chunks + BATCH_SIZE - 1) / BATCH_SIZE);
    }

    @Test
    void aQuestionGetsAnAnswerCitingTheRightDocument() {
        int before = fake.embeddingCallCount();

        Answer answer = ask("Where can employees park for free?");

        assertThat(answer.abstained()).as(answer.text()).isFalse();
        assertThat(answer.text()).contains("P2");
        assertThat(answer.citations()).extracting(Citation::source).contains("office-faq.txt");
        assertThat(fake.embeddingCallCount())
                .as("the question went to the remote model")
                .isGreaterThan(before);
    }

    @Test
    void reopeningTheDataFolderWithTheDefaultOnnxModelFailsWithAClearMessage() {
        String expected = "the index at " + data.resolve("index") + " was built with"
                + " openai:text-embedding-3-small:256 (256 dims); configured bge-small-en-v1.5-q (384 dims): vectors"
                + " of different embedding models cannot be compared. Re-ingest into a new data folder, or switch"
                + " back to the model the index was built with.";

        assertThatThrownBy(() -> {
                    try (Verity verity = Verity.forQueries(VerityConfig.from(data, Map.of()))) {
                        verity.components().index();
                    }
                })
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessage(expected);
        Cli.Result cli = Cli.run("ask", "--data", data.toString(), "Where can employees park?");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err().strip()).isEqualTo("error: " + expected);
    }
}
