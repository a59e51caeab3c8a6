package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.ProviderException;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.llm.provider.SpringAiLlmProvider;
import dev.verity.llm.resilience.ResilienceSettings;
import dev.verity.llm.resilience.ResilientLlmProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's mock provider, through Verity's real OpenAI client: valid answers, exact stamps, faults. */
class MockOpenAiTest {
    private static final String SOURCES = """
            <sources>
            <source id="S1" file="policy.pdf" section="Handbook > 3. Leave">
            Refunds are granted within 21 days of purchase. Store credit never expires.
            </source>
            </sources>

            Question: Within how many days are refunds granted?""";

    private static ChatRequest request() {
        return new ChatRequest(
                "bench-model",
                List.of(ChatMessage.system("Answer from the sources."), ChatMessage.user(SOURCES)),
                Optional.of("{\"type\":\"object\"}"),
                800,
                0.0);
    }

    private static SpringAiLlmProvider client(MockOpenAi mock) {
        return SpringAiLlmProvider.create(ProviderSettings.builder("openai")
                .baseUrl(mock.baseUrl())
                .apiKey("k")
                .model("bench-model")
                .build());
    }

    @Test
    void streamsAnAnswerQuotingTheFirstSourceAndStampsEveryTokenItWrites() throws Exception {
        try (MockOpenAi mock = MockOpenAi.start("test").tokenGap(Duration.ZERO);
                SpringAiLlmProvider client = client(mock)) {
            List<String> deltas = new ArrayList<>();

            ChatResponse reply = client.stream(request(), deltas::add);

            JsonNode answer = JsonMapper.builder().build().readTree(reply.text());
            assertThat(answer.path("answer").asString()).startsWith("According to the sources: Refunds are granted");
            assertThat(answer.path("citations").get(0).path("source").asString())
                    .isEqualTo("S1");
            // the first sentence of S1, though the section attribute holds a '>'
            assertThat(answer.path("citations").get(0).path("quote").asString())
                    .isEqualTo("Refunds are granted within 21 days of purchase.");
            assertThat(answer.path("abstain").asBoolean()).isFalse();
            MockOpenAi.Exchange exchange = mock.await(1).getFirst();
            assertThat(exchange.stream()).isTrue();
            assertThat(exchange.tokenNanos()).hasSize(MockOpenAi.ANSWER_WORDS).isSorted();
            assertThat(exchange.tokenEnds().getLast())
                    .isEqualTo(answer.path("answer").asString().length());
            assertThat(exchange.receivedNanos()).isLessThanOrEqualTo(exchange.readNanos());
            assertThat(exchange.tokenNanos().getFirst()).isGreaterThan(exchange.readNanos());
            assertThat(exchange.completedNanos())
                    .isGreaterThan(exchange.tokenNanos().getLast());
            assertThat(mock.calls()).isEqualTo(1);
        }
    }

    @Test
    void answersAJsonRequestWithTheSameReply() throws Exception {
        try (MockOpenAi mock = MockOpenAi.start("test");
                SpringAiLlmProvider client = client(mock)) {
            ChatResponse reply = client.chat(request());

            assertThat(reply.text()).contains("\"quote\": \"Refunds are granted within 21 days of purchase.\"");
            assertThat(reply.usage().reported()).isTrue();
            assertThat(mock.await(1).getFirst().stream()).isFalse();
        }
    }

    @Test
    void aHangingMockHoldsTheRequestUntilTheClientGivesUp() throws Exception {
        try (MockOpenAi mock = MockOpenAi.start("test").hang();
                SpringAiLlmProvider client = client(mock)) {
            ResilientLlmProvider resilient = new ResilientLlmProvider(
                    client, ResilienceSettings.defaults().withTotalTimeout(Duration.ofMillis(300)));

            assertThatThrownBy(() -> resilient.chat(request()))
                    .isInstanceOfSatisfying(
                            ProviderException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT));
            assertThat(mock.await(1)).hasSize(1);
            assertThat(mock.calls()).isEqualTo(1);
        }
    }

    @Test
    void atAFaultRateOfOneEveryCallFailsAndIsCounted() throws Exception {
        try (MockOpenAi mock = MockOpenAi.start("test");
                SpringAiLlmProvider client = client(mock)) {
            client.chat(request()); // a cold client's first call can outlast the short timeout below
            mock.reset();
            mock.faults(1.0, Duration.ofSeconds(5));
            ResilienceSettings d = ResilienceSettings.defaults();
            // one attempt each, and a timeout well below the slow first token
            ResilientLlmProvider resilient = new ResilientLlmProvider(
                    client,
                    new ResilienceSettings(
                            Duration.ofMillis(500),
                            d.firstTokenTimeout(),
                            1,
                            d.initialBackoff(),
                            d.maxBackoff(),
                            d.maxRetryAfter(),
                            1_000,
                            d.openDuration(),
                            d.maxConcurrentCalls()));
            int calls = 24;
            for (int i = 0; i < calls; i++) {
                assertThatThrownBy(() -> resilient.chat(request())).isInstanceOf(ProviderException.class);
            }

            assertThat(mock.injected().values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isEqualTo(calls);
            assertThat(mock.calls()).isEqualTo(calls);
        }
    }
}
