package dev.verity.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.PriceTable;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.llm.resilience.ResilienceSettings;
import dev.verity.llm.resilience.ResilientLlmProvider;
import dev.verity.usage.UsageLedger;
import dev.verity.usage.budget.Budget;
import dev.verity.usage.budget.Payer;
import dev.verity.usage.budget.SpendControl;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BudgetedLlmProviderTest {
    private static final Payer PAYER = new Payer("acme", "key:k1");
    /** 1 USD per million tokens in, 2 out: easy arithmetic. */
    private static final PriceTable PRICES = new PriceTable(Map.of("m", new PriceTable.ModelPrice(1, 2)));

    private static final ChatRequest REQUEST = new ChatRequest(
            "m", List.of(ChatMessage.system("abcd"), ChatMessage.user("héllo")), Optional.empty(), 1_000, 0);

    /** Replies with fixed usage, or fails, and counts the calls that reached it. */
    private static final class Counting implements LlmProvider {
        final AtomicInteger calls = new AtomicInteger();
        final TokenUsage usage;
        final boolean fail;

        Counting(TokenUsage usage, boolean fail) {
            this.usage = usage;
            this.fail = fail;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            calls.incrementAndGet();
            if (fail) {
                throw new ProviderException(ProviderException.Kind.SERVER_ERROR, "fake", "down");
            }
            return new ChatResponse("ok", "m", usage, "stop");
        }

        @Override
        public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
            return chat(request);
        }
    }

    private static SpendControl hardDaily(double usd) {
        return new SpendControl(
                List.of(Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.empty(), OptionalDouble.of(usd))),
                UsageLedger.none(),
                Clock.systemUTC(),
                alert -> {});
    }

    @Test
    void theMaximumCostCountsThePromptHighAndTheWholeOutputAllowance() {
        BudgetedLlmProvider budgeted =
                new BudgetedLlmProvider(new Counting(TokenUsage.NONE, false), hardDaily(1), PRICES);

        // model "m" has no tokenizer: the prompt counts as UTF-8 bytes: 4 + 6 ("é" is two bytes), plus 8 per message
        // and 8 for the reply = 34 input tokens at 1 USD/M, and 1,000 output tokens at 2 USD/M
        assertThat(budgeted.maxCost(REQUEST)).isEqualTo((34 * 1.0 + 1_000 * 2.0) / 1e6);
    }

    @Test
    void aRefusedCallNeverReachesTheProviderAndIsNeitherRetriedNorCountedByTheCircuit() {
        Counting model = new Counting(new TokenUsage(10, 10, true), false);
        ResilientLlmProvider resilient = new ResilientLlmProvider(model, ResilienceSettings.defaults(), d -> {});
        SpendControl spend = hardDaily(0.001); // less than the request's maximum (0.002034)
        BudgetedLlmProvider budgeted = new BudgetedLlmProvider(resilient, spend, PRICES);

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> PAYER.callAs(() -> budgeted.chat(REQUEST)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.BUDGET);
                        assertThat(e.retriable()).isFalse();
                        assertThat(e.kind().code()).isEqualTo("budget");
                    })
                    .hasMessageContaining("the tenant daily budget of tenant 'acme' would be passed");
        }

        assertThat(model.calls).hasValue(0);
        assertThat(resilient.circuitState("m")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aGrantedCallSettlesTheCostTheProviderReported() {
        SpendControl spend = hardDaily(1);
        BudgetedLlmProvider budgeted =
                new BudgetedLlmProvider(new Counting(new TokenUsage(1_000, 500, true), false), spend, PRICES);

        PAYER.callAs(() -> budgeted.chat(REQUEST));

        // 1,000 × 1 + 500 × 2 = 2,000 USD per million tokens
        assertThat(spend.status(PAYER).getFirst().spentUsd()).isEqualTo(0.002);
        assertThat(spend.status(PAYER).getFirst().reservedUsd()).isZero();
    }

    @Test
    void aFailedCallSettlesNothingAndReleasesItsReservation() {
        SpendControl spend = hardDaily(1);
        BudgetedLlmProvider budgeted = new BudgetedLlmProvider(new Counting(TokenUsage.NONE, true), spend, PRICES);

        assertThatThrownBy(() -> PAYER.callAs(() -> budgeted.chat(REQUEST)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("server_error");

        assertThat(spend.status(PAYER).getFirst().spentUsd()).isZero();
        assertThat(spend.status(PAYER).getFirst().reservedUsd()).isZero();
    }

    @Test
    void aCallWithoutAPayerIsNotBudgeted() {
        Counting model = new Counting(new TokenUsage(10, 10, true), false);
        BudgetedLlmProvider budgeted = new BudgetedLlmProvider(model, hardDaily(0.000001), PRICES);

        budgeted.chat(REQUEST);

        assertThat(model.calls).hasValue(1);
    }
}
