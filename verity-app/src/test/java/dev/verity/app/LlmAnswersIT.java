package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.conversation.Conversation;
import dev.verity.conversation.ConversationService;
import dev.verity.conversation.QuestionCondenser;
import dev.verity.document.DocumentIds;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.identity.Caller;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.query.QueryRequest;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.usage.UsageLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers from a language model configured only through the environment contract, against a fake that speaks the
 * OpenAI protocol over real HTTP: what the user sees for a healthy model and for every failure, and how many calls
 * reached the provider.
 */
class LlmAnswersIT {
    private static final String FACT = RefundPolicy.FACT;
    private static final String ANSWER = RefundPolicy.ANSWER;

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
        data = root.resolve("data-" + System.nanoTime());
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private Map<String, String> env() {
        return RefundPolicy.openAiEnv(fake, java.time.Duration.ofSeconds(5));
    }

    private Answer ask(Map<String, String> env) {
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env))) {
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(seed, "policy.pdf")),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
            return verity.query()
                    .ask(QueryRequest.of(
                            "Within how many days are refunds granted?",
                            SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION)))
                    .answer();
        }
    }

    @Test
    void aHealthyModelGivesAValidatedCitedAnswerWithModelPromptAndUsage() {
        fake.respondWith(FakeResponse.reply(ANSWER).usage(420, 37));

        Answer answer = ask(env());

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.text()).isEqualTo("Refunds are granted within 21 days.");
        assertThat(answer.citations())
                .extracting(Citation::source, Citation::page, Citation::quote)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("policy.pdf", 1, FACT));
        assertThat(answer.generation().generator()).isEqualTo("llm");
        assertThat(answer.generation().degraded()).isFalse();
        assertThat(answer.generation().prompt())
                .map(p -> p.id() + " v" + p.version())
                .contains("answer v2");
        assertThat(answer.generation().usage()).isEqualTo(new TokenUsage(420, 37, true));
        assertThat(fake.callCount()).isEqualTo(1);
        String sent = fake.lastRequest().body();
        assertThat(sent)
                .contains("gpt-test")
                .contains("json_schema")
                .contains("<source id=\\\"S1\\\"")
                .contains(FACT);
    }

    @Test
    void aProviderThatKeepsFailingEndsInADegradedExtractiveAnswerAfterTheRetries() {
        fake.respondWith(FakeResponse.status(500));

        Answer answer = ask(env());

        assertThat(answer.generation().generator()).isEqualTo("extractive");
        assertThat(answer.generation().degraded()).isTrue();
        assertThat(answer.generation().degradedReason()).contains("server_error");
        assertThat(answer.text()).contains("21 days");
        assertThat(fake.callCount()).isEqualTo(3);
    }

    @Test
    void aRefusedKeyIsNotRetriedAndDegradesAtOnce() {
        fake.respondWith(FakeResponse.status(401));

        Answer answer = ask(env());

        assertThat(answer.generation().degradedReason()).contains("authentication");
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheProviderAskedFor() {
        fake.respondInSequence(FakeResponse.status(429).retryAfter("1"), FakeResponse.reply(ANSWER));

        Answer answer = ask(env());

        assertThat(answer.generation().generator()).isEqualTo("llm");
        assertThat(answer.generation().degraded()).isFalse();
        assertThat(fake.callCount()).isEqualTo(2);
    }

    @Test
    void invalidOutputGetsOneRepairAttemptThenFallsBack() {
        fake.respondWith(FakeResponse.reply("I think it is 21 days, but I cannot format JSON."));

        Answer answer = ask(env());

        assertThat(answer.generation().degradedReason()).contains("invalid_output");
        assertThat(answer.generation().usage().inputTokens()).isPositive();
        assertThat(fake.callCount()).isEqualTo(2);
    }

    @Test
    void anAnswerCitingOnlyUnknownSourcesIsNeverShown() {
        fake.respondWith(FakeResponse.reply(ANSWER.replace("\"S1\"", "\"S7\"")));

        Answer answer = ask(env());

        assertThat(answer.generation().degradedReason()).contains("uncited_answer");
        assertThat(answer.generation().generator()).isEqualTo("extractive");
    }

    @Test
    void aSlowProviderTimesOutAndTheAnswerDegrades() {
        fake.respondWith(FakeResponse.reply(ANSWER).firstByteDelay(java.time.Duration.ofSeconds(20)));
        Map<String, String> env = env();
        env.put("VERITY_LLM_TIMEOUT_MS", "1000");

        Answer answer = ask(env);

        assertThat(answer.generation().degradedReason()).contains("timeout");
    }

    @Test
    void aSecondProviderInTheChainAnswersWhenThePrimaryIsDown(@TempDir Path config) throws Exception {
        fake.respondWith(FakeResponse.status(503));
        try (FakeLlmServer healthy = FakeLlmServer.openAi()) {
            healthy.respondWith(FakeResponse.reply(ANSWER));
            Path yaml = java.nio.file.Files.writeString(
                    config.resolve("verity.yaml"), """
                    llm:
                      providers:
                        - provider: openai
                          model: primary
                        - provider: openai
                          base_url: %s
                          api_key: %s
                          model: secondary
                      prices:
                        secondary: {input_per_million: 1.0, output_per_million: 2.0}
                    """.formatted(healthy.baseUrl(), healthy.apiKey()));
            Map<String, String> env = env();
            env.put("VERITY_CONFIG", yaml.toString());

            Answer answer = ask(env);

            assertThat(answer.generation().generator()).isEqualTo("llm");
            assertThat(answer.generation().degraded()).isTrue();
            assertThat(answer.generation().degradedReason()).contains("overloaded");
            assertThat(healthy.callCount()).isEqualTo(1);
        }
    }

    @Test
    void aFollowUpIsCondensedByTheFirstModelAndTheRewriteIsWhatRetrievalAndTheModelSee() {
        String rewrite = "Within how many days of purchase are refunds granted?";
        fake.respondInSequence(
                FakeResponse.reply(ANSWER).usage(400, 30),
                FakeResponse.reply(rewrite).usage(90, 12),
                FakeResponse.reply(ANSWER).usage(400, 30));
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env()))) {
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(seed, "policy.pdf")),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
            ConversationService conversations = verity.conversations();
            Caller staff = Caller.local(Set.of("staff"));
            Conversation conversation = conversations.start(staff, DocumentIds.DEFAULT_COLLECTION);

            ConversationService.Reply first = conversations.ask(
                    staff,
                    conversation.id(),
                    new ConversationService.Message("What is the refund policy?"),
                    AnswerListener.none());
            ConversationService.Reply second = conversations.ask(
                    staff,
                    conversation.id(),
                    new ConversationService.Message("How long do I have for them?"),
                    AnswerListener.none());

            assertThat(first.condensed().condensedBy()).isEqualTo(QuestionCondenser.NONE);
            assertThat(second.condensed())
                    .isEqualTo(
                            new QuestionCondenser.Condensed(rewrite, QuestionCondenser.LLM, java.util.Optional.empty())
                                    .spent("gpt-test", new TokenUsage(90, 12, true), 0));
            assertThat(second.turn().standaloneQuestion()).isEqualTo(rewrite);
            assertThat(second.result().answer().text()).isEqualTo("Refunds are granted within 21 days.");
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            List<UsageLedger.Entry> ledger =
                    verity.components().usage().between(DocumentIds.DEFAULT_TENANT, today, today);
            assertThat(ledger.stream().mapToLong(UsageLedger.Entry::requests).sum())
                    .as("answers counted; the condensing call is not an answer")
                    .isEqualTo(2);
            assertThat(ledger.stream().mapToLong(UsageLedger.Entry::inputTokens).sum())
                    .as("both answers and the condensing call")
                    .isEqualTo(890);
            assertThat(ledger.stream()
                            .mapToLong(UsageLedger.Entry::outputTokens)
                            .sum())
                    .isEqualTo(72);
        }
        assertThat(fake.callCount()).isEqualTo(3);
        String condense = fake.requests().get(1).body();
        assertThat(condense)
                .contains("gpt-test")
                .contains("<conversation>")
                .contains("<question>What is the refund policy?</question>")
                .contains("<answer>Refunds are granted within 21 days.</answer>")
                .contains("How long do I have for them?")
                .doesNotContain("json_schema");
        assertThat(fake.requests().get(2).body()).contains("Question: " + rewrite);
    }

    @Test
    void aModelThatCannotCondenseLeavesItToTheRulesAndSaysWhy() {
        fake.respondInSequence(FakeResponse.reply(ANSWER), FakeResponse.status(400), FakeResponse.reply(ANSWER));
        try (Verity verity = Verity.forWriting(VerityConfig.from(data, env()))) {
            verity.ingestion()
                    .ingest(
                            List.of(new SourceFile(seed, "policy.pdf")),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            IngestionService.Listener.none());
            ConversationService conversations = verity.conversations();
            Caller anonymous = Caller.local(Set.of());
            String id = conversations
                    .start(anonymous, DocumentIds.DEFAULT_COLLECTION)
                    .id();
            conversations.ask(
                    anonymous,
                    id,
                    new ConversationService.Message("What is the refund policy?"),
                    AnswerListener.none());

            ConversationService.Reply reply = conversations.ask(
                    anonymous,
                    id,
                    new ConversationService.Message("Is it the same for store credit?"),
                    AnswerListener.none());

            assertThat(reply.condensed())
                    .isEqualTo(new QuestionCondenser.Condensed(
                            "Is the refund policy the same for store credit?",
                            QuestionCondenser.RULES,
                            java.util.Optional.of("bad_request")));
            assertThat(reply.result().answer().generation().generator()).isEqualTo("llm");
        }
        assertThat(fake.callCount()).isEqualTo(3);
    }

    @Test
    void invalidConfigurationStopsStartUpWithAClearMessage() {
        assertThatThrownBy(() ->
                        VerityConfig.from(data, Map.of("VERITY_LLM_PROVIDER", "mistery-ai", "VERITY_LLM_MODEL", "m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VERITY_LLM_PROVIDER") // the variable the user set
                .hasMessageContaining("mistery-ai");
        assertThatThrownBy(
                        () -> VerityConfig.from(data, Map.of("VERITY_LLM_PROVIDER", "openai", "VERITY_LLM_MODEL", "m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> VerityConfig.from(
                        data,
                        Map.of(
                                "VERITY_LLM_PROVIDER",
                                "openai",
                                "VERITY_LLM_MODEL",
                                "m",
                                "VERITY_LLM_API_KEY",
                                "sk-secret-123",
                                "VERITY_LLM_BASE_URL",
                                "ftp://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://x")
                .hasMessageNotContaining("sk-secret-123");
        assertThatThrownBy(() -> VerityConfig.from(data, Map.of("VERITY_LLM_PROVIDER", "openai")))
                .hasMessageContaining("VERITY_LLM_MODEL is missing");
    }
}
