package dev.verity.llm.budget;

import dev.verity.embedding.TokenCounter;
import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.PriceTable;
import dev.verity.generation.provider.ProviderException;
import dev.verity.llm.answer.ModelTokenizers;
import dev.verity.usage.budget.Payer;
import dev.verity.usage.budget.Reservation;
import dev.verity.usage.budget.SpendControl;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps every model call within the budgets of whoever pays for it ({@link Payer#current()}):
 *
 * <ol>
 *   <li>Reserve the call's maximum cost ({@link #maxCost}): price × (prompt tokens + the request's maximum output
 *       tokens).
 *   <li>Refused: throw {@link ProviderException.Kind#BUDGET} without calling the model. An answer generator in a
 *       {@code FallbackAnswerGenerator} then gives way to the next one (in the end the extractive answerer), and the
 *       answer is degraded with reason {@code budget}; a condenser falls back to its rules.
 *   <li>Granted: call the delegate, then settle the cost the provider reported; a failed call settles 0.
 * </ol>
 *
 * <p>What is billed: only what a provider reports. A call is one reservation however many attempts the resilient
 * provider inside makes, because at most one attempt returns a reply and usage; failed attempts report none (HTTP
 * errors are not billed by providers; an attempt cut off by a timeout may be billed by some, and Verity cannot see
 * it: the ledger and budgets count no more than the providers told it). Calls without a payer (evaluation, warm-up)
 * and models without a price pass unbudgeted.
 *
 * <p>Wrap outside {@code ResilientLlmProvider}: a refusal is then never retried nor counted by a circuit breaker.
 */
public final class BudgetedLlmProvider implements LlmProvider {
    /** Tokens a provider adds per message (role markers) and per reply, rounded up: OpenAI documents 3 to 4. */
    static final int TOKENS_PER_MESSAGE = 8;

    private final LlmProvider delegate;
    private final SpendControl spend;
    private final PriceTable prices;

    public BudgetedLlmProvider(LlmProvider delegate, SpendControl spend, PriceTable prices) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.spend = Objects.requireNonNull(spend, "spend");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The provider inside, e.g. to read its circuit state. */
    public LlmProvider delegate() {
        return delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return budgeted(request, () -> delegate.chat(request));
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
        return budgeted(request, () -> delegate.stream(request, onDelta));
    }

    private ChatResponse budgeted(ChatRequest request, Supplier<ChatResponse> call) {
        Optional<Payer> payer = Payer.current();
        if (payer.isEmpty() || !spend.limits()) {
            return call.get();
        }
        Reservation reservation = spend.reserve(payer.get(), maxCost(request));
        if (!reservation.granted()) {
            throw new ProviderException(
                    ProviderException.Kind.BUDGET, name(), reservation.refusal().orElseThrow());
        }
        double spent = 0;
        try {
            ChatResponse response = call.get();
            spent = prices.cost(request.model(), response.usage());
            return response;
        } finally {
            reservation.settle(spent);
        }
    }

    /**
     * The most {@code request} can cost: its prompt tokens, counted high, plus its maximum output tokens, at the
     * model's price; 0 for a model without a price. The prompt is counted with the model family's tokenizer where
     * Verity has one ({@link ModelTokenizers}), else as its UTF-8 bytes: no byte-level BPE token is shorter than a
     * byte, so that bound holds for any such tokenizer.
     */
    public double maxCost(ChatRequest request) {
        Optional<PriceTable.ModelPrice> price = prices.price(request.model());
        if (price.isEmpty()) {
            return 0;
        }
        TokenCounter counter =
                ModelTokenizers.forModel(request.model()).orElse(text -> text.getBytes(StandardCharsets.UTF_8).length);
        long input = TOKENS_PER_MESSAGE;
        for (ChatMessage message : request.messages()) {
            input += counter.count(message.content()) + TOKENS_PER_MESSAGE;
        }
        input += request.responseSchema().map(counter::count).orElse(0);
        return (input * price.get().inputPerMillion()
                        + request.maxOutputTokens() * price.get().outputPerMillion())
                / 1e6;
    }
}
