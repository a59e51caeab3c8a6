package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.conversation.Conversation;
import dev.verity.conversation.ConversationService;
import dev.verity.conversation.QuestionCondenser;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.identity.Caller;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.query.QueryRequest;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.usage.budget.BudgetStatus;
import dev.verity.usage.budget.Payer;
import dev.verity.usage.budget.SpendControl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budgets against a fake OpenAI provider over real HTTP: a hard limit stops model calls (answers degrade to the
 * extractive answerer with reason {@code budget}, never a 5xx), a soft one warns, and a thousand concurrent questions
 * do not pass the hard limit.
 */
class BudgetsIT {
    /**
     * 1,000 USD per million input tokens and 2,000 per million output tokens: the fake's usage (400 in, 30 out) costs
     * 0.4 + 0.06 = 0.46 USD an answer, so a 20 USD day holds about 43 answers.
     */
    private static final double ANSWER_USD = 0.46;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;

    private FakeLlmServer fake;
    private Path data;

    @BeforeEach
    void startFake() {
        fake = FakeLlmServer.openAi();
        fake.respondWith(FakeResponse.reply(RefundPolicy.ANSWER).usage(400, 30));
        data = root.resolve("data");
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private Map<String, String> env(String budgets) throws Exception {
        Path yaml = Files.writeString(root.resolve("verity.yaml"), """
                llm:
                  prices:
                    gpt-test: {input_per_million: 1000, output_per_million: 2000}
                budgets:
                %s
                """.formatted(budgets.indent(2)));
        Map<String, String> env = RefundPolicy.openAiEnv(fake, Duration.ofSeconds(30));
        env.put("VERITY_CONFIG", yaml.toString());
        return env;
    }

    private void ingest(Verity verity) {
        verity.ingestion()
                .ingest(
                        List.of(new SourceFile(RefundPolicy.pdf(root), "policy.pdf")),
                        IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                        IngestionService.Listener.none());
    }

    @Test
    void aHardLimitMakesNoModelCallAndDegradesAnswersAndCondensingWithReasonBudget() throws Exception {
        // one answer's maximum (its prompt at 1,000 USD/M plus 800 output tokens at 2,000 USD/M) is far above 0.5 USD
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env("""
                tenants:
                  "*": { daily: { hard_usd: 0.5 } }
                """)))) {
            ingest(verity);

            Answer answer = verity.query()
                    .ask(QueryRequest.of(
                                    "Within how many days are refunds granted?",
                                    SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION))
                            .withActor("key:k1"))
                    .answer();

            assertThat(answer.generation().generator()).isEqualTo("extractive");
            assertThat(answer.generation().degradedReason()).contains("budget");
            assertThat(answer.text()).contains("21 days");

            ConversationService conversations = verity.conversations();
            Caller staff = Caller.local(Set.of("staff"));
            Conversation conversation = conversations.start(staff, DocumentIds.DEFAULT_COLLECTION);
            conversations.ask(
                    staff,
                    conversation.id(),
                    new ConversationService.Message("What is the refund policy?"),
                    AnswerListener.none());
            ConversationService.Reply followUp = conversations.ask(
                    staff,
                    conversation.id(),
                    new ConversationService.Message("How long do I have for them?"),
                    AnswerListener.none());

            assertThat(followUp.condensed().condensedBy()).isEqualTo(QuestionCondenser.RULES);
            assertThat(followUp.condensed().fallbackReason()).contains("budget");
            assertThat(followUp.result().answer().generation().degradedReason()).contains("budget");
            assertThat(fake.callCount()).as("no model call was made").isZero();
        }
    }

    @Test
    void aThousandConcurrentQuestionsOverHttpStayWithinTheHardLimitAndAllAreAnswered() throws Exception {
        double hard = 20;
        Map<String, String> env = env("""
                tenants:
                  "*": { daily: { soft_usd: 10, hard_usd: %s } }
                """.formatted(hard));
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env))) {
            ingest(verity);
        }
        fake.respondWith(FakeResponse.reply(RefundPolicy.ANSWER).usage(400, 30).firstByteDelay(Duration.ofMillis(20)));
        ConfigurableApplicationContext server = VerityServer.start(VerityConfig.from(data, env), "127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            Result result = askConcurrently(base, 1_000);

            SpendControl spend = server.getBean(SpendControl.class);
            BudgetStatus day = spend.status(new Payer("default", "local")).getFirst();
            double ledger = server.getBean(Verity.class)
                    .usage(Caller.local(Set.of()), today(), today())
                    .costUsd();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "budget: %d requests, %d model answers, %d degraded (budget), %d calls reached the provider,"
                            + " settled %.4f of %.2f USD, overshoot %.4f USD, largest reservation %.4f USD%n",
                    result.statuses().size(),
                    result.llmAnswers(),
                    result.reasons().stream().filter("budget"::equals).count(),
                    fake.callCount(),
                    day.spentUsd(),
                    hard,
                    Math.max(0, day.spentUsd() - hard),
                    spend.largestReservation());

            assertThat(result.statuses())
                    .as("every request answered, none with a 5xx")
                    .containsOnly(200);
            assertThat(result.reasons()).contains("budget");
            assertThat(result.llmAnswers()).isPositive();
            assertThat(day.spentUsd())
                    .as("settled spend: reservations keep it within the hard limit")
                    .isLessThanOrEqualTo(hard + 1e-9);
            assertThat(day.reservedUsd()).isLessThan(1e-9);
            assertThat(ledger)
                    .as("the ledger agrees")
                    .isCloseTo(day.spentUsd(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(day.spentUsd())
                    .as("each model answer was paid once (an attempt cut off under load is paid nothing)")
                    .isCloseTo(result.llmAnswers() * ANSWER_USD, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(fake.callCount()).isGreaterThanOrEqualTo(result.llmAnswers());
            assertThat(result.warnings())
                    .as("answers past the soft limit carry the warning")
                    .isPositive();
            assertThat(result.lastWarning().orElseThrow())
                    .matches("tenant daily budget \\d+% spent \\(\\d+\\.\\d\\d of 20\\.00 USD\\)");
        } finally {
            server.close();
        }
    }

    /** What the answers said. */
    private record Result(
            List<Integer> statuses, List<String> reasons, int llmAnswers, int warnings, Optional<String> lastWarning) {}

    private static Result askConcurrently(String base, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                String body = """
                        {"question": "Within how many days are refunds granted? (%d)", "mode": "bm25"}""".formatted(i); // distinct questions: no answer is served from the cache
                futures.add(threads.submit(() -> http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int llm = 0;
        int warnings = 0;
        Optional<String> last = Optional.empty();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> response = f.get();
            statuses.add(response.statusCode());
            if (response.statusCode() != 200) {
                continue;
            }
            JsonNode answer = JSON.readTree(response.body());
            if (answer.get("generator").asString().equals("llm")) {
                llm++;
            }
            JsonNode reason = answer.get("degraded_reason");
            if (reason != null && !reason.isNull()) {
                reasons.add(reason.asString());
            }
            Optional<String> warning = response.headers().firstValue("Verity-Budget-Warning");
            if (warning.isPresent()) {
                warnings++;
                last = warning;
            }
        }
        return new Result(statuses, reasons, llm, warnings, last);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
