package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.usage.UsageLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider fault the issue names, injected by a fake that speaks the OpenAI protocol over real HTTP, through the
 * assembled application: what the user sees (answer, degraded flag and reason, a bound on the wait), how many calls
 * reached the provider, and that the usage ledger charges the answer at most once.
 */
class LlmFaultsIT {
    private static final String ANSWER = RefundPolicy.ANSWER;
    private static final Duration TIMEOUT = Duration.ofMillis(3_000);
    /** Retrieval and the extractive fallback on a loaded CI machine; far below the 20 s a hung provider would add. */
    private static final Duration SLACK = Duration.ofMillis(2_500);

    @TempDir
    static Path root;

    private static Path data;
    private FakeLlmServer fake;

    @BeforeAll
    static void ingest() {
        Path pdf = RefundPolicy.pdf(root);
        data = root.resolve("data");
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, Map.of()))) {
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(pdf, "policy.pdf")),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
        }
        // One healthy answer first, so the timeouts below measure faults rather than this JVM loading its classes.
        try (FakeLlmServer healthy = FakeLlmServer.openAi().respondWith(FakeResponse.reply(ANSWER));
                Verity verity = Verity.forQueries(VerityConfig.from(data, env(healthy, Duration.ofSeconds(60))))) {
            assertThat(verity.query().ask(question()).answer().generation().generator())
                    .isEqualTo("llm");
        }
    }

    private static Map<String, String> env(FakeLlmServer server, Duration timeout) {
        Map<String, String> env = RefundPolicy.openAiEnv(server, timeout);
        env.put("VERITY_CONFIG", "");
        return env;
    }

    private static QueryRequest question() {
        return QueryRequest.of(
                "Within how many days are refunds granted?", SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION));
    }

    @BeforeEach
    void startFake() {
        fake = FakeLlmServer.openAi();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    /**
     * @param generator who answered in the end
     * @param reason the degraded reason, or null for a healthy answer
     * @param calls how many requests reached the provider
     */
    record Fault(
            String name, List<FakeResponse> responses, boolean stream, String generator, String reason, int calls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                        new Fault(
                                "429 with Retry-After, then an answer",
                                List.of(FakeResponse.status(429).retryAfter("1"), FakeResponse.reply(ANSWER)),
                                false,
                                "llm",
                                null,
                                2),
                        new Fault(
                                "500 every time",
                                List.of(FakeResponse.status(500)),
                                false,
                                "extractive",
                                "server_error",
                                3),
                        new Fault(
                                "503 every time",
                                List.of(FakeResponse.status(503)),
                                false,
                                "extractive",
                                "overloaded",
                                3),
                        new Fault(
                                "connection reset every time",
                                List.of(FakeResponse.connectionReset()),
                                false,
                                "extractive",
                                "connection",
                                3),
                        new Fault(
                                "a reset, then an answer",
                                List.of(FakeResponse.connectionReset(), FakeResponse.reply(ANSWER)),
                                true,
                                "llm",
                                null,
                                2),
                        new Fault(
                                "slow first token",
                                List.of(FakeResponse.reply(ANSWER).firstByteDelay(Duration.ofSeconds(20))),
                                false,
                                "extractive",
                                "timeout",
                                1),
                        new Fault(
                                "stream stalls after three deltas",
                                List.of(FakeResponse.reply(ANSWER).stallAfter(3, Duration.ofSeconds(20))),
                                true,
                                "extractive",
                                "timeout",
                                1),
                        new Fault(
                                "malformed JSON body",
                                List.of(FakeResponse.malformedBody()),
                                false,
                                "extractive",
                                "invalid_response",
                                1),
                        new Fault(
                                "JSON that violates the schema, twice",
                                List.of(FakeResponse.reply("{\"answer\": 21}")),
                                false,
                                "extractive",
                                "invalid_output",
                                2),
                        new Fault(
                                "JSON that violates the schema, then repaired",
                                List.of(FakeResponse.reply("{\"answer\": 21}"), FakeResponse.reply(ANSWER)),
                                false,
                                "llm",
                                null,
                                2),
                        new Fault(
                                "citations of unknown labels",
                                List.of(FakeResponse.reply(ANSWER.replace("S1", "S9"))),
                                false,
                                "extractive",
                                "uncited_answer",
                                1))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyFaultEndsInACorrectAnswerNeverAnErrorAndIsChargedAtMostOnce(Fault fault) {
        if (fault.responses().size() == 1) {
            fake.respondWith(fault.responses().getFirst());
        } else {
            fake.respondInSequence(fault.responses().toArray(FakeResponse[]::new));
        }
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, env(fake, TIMEOUT)))) {
            List<UsageLedger.Entry> before =
                    verity.components().usage().between(DocumentIds.DEFAULT_TENANT, today(), today());
            AtomicInteger resets = new AtomicInteger();
            StringBuilder streamed = new StringBuilder();
            AnswerListener listener = new AnswerListener() {
                @Override
                public void onDelta(String text) {
                    streamed.append(text);
                }

                @Override
                public void onReset() {
                    resets.incrementAndGet();
                    streamed.setLength(0);
                }
            };
            long start = System.nanoTime();
            QueryResult result = verity.query().ask(question(), fault.stream() ? listener : AnswerListener.none());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            var generation = result.answer().generation();
            assertThat(generation.generator())
                    .as("%s after %s", generation, took)
                    .isEqualTo(fault.generator());
            assertThat(generation.degraded()).isEqualTo(fault.reason() != null);
            assertThat(generation.degradedReason().orElse(null)).isEqualTo(fault.reason());
            assertThat(result.answer().text()).contains("21 days");
            assertThat(result.answer().citations()).isNotEmpty();
            assertThat(fake.callCount()).isEqualTo(fault.calls());
            assertThat(took)
                    .as("the configured timeout bounds the wait, retries included")
                    .isLessThan(TIMEOUT.plus(SLACK));
            if (fault.stream()) {
                assertThat(streamed.toString())
                        .as("what the listener holds at the end is the answer")
                        .isEqualTo(result.answer().text());
            }
            List<UsageLedger.Entry> charged =
                    verity.components().usage().between(DocumentIds.DEFAULT_TENANT, today(), today());
            long added = charged.stream().mapToLong(UsageLedger.Entry::requests).sum()
                    - before.stream().mapToLong(UsageLedger.Entry::requests).sum();
            long tokens = generation.usage().inputTokens() + generation.usage().outputTokens();
            assertThat(added).as("ledger lines for this answer").isEqualTo(tokens > 0 ? 1 : 0);
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
