package dev.verity.generation.provider;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What models cost, in US dollars per million tokens, as configured by the operator (prices change too often to
 * ship). A model without a price costs 0 and is reported as such: better an honest zero than a stale guess.
 */
public final class PriceTable {
    /** Price of one model. */
    public record ModelPrice(double inputPerMillion, double outputPerMillion) {
        public ModelPrice {
            if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
                throw new IllegalArgumentException(
                        "prices must be >= 0, got input=" + inputPerMillion + " output=" + outputPerMillion);
            }
        }
    }

    public static final PriceTable EMPTY = new PriceTable(Map.of());

    private final Map<String, ModelPrice> prices;

    public PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(Objects.requireNonNull(prices, "prices"));
    }

    public Optional<ModelPrice> price(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    /** The cost of these tokens on this model; 0 when the model has no price. */
    public double cost(String model, TokenUsage usage) {
        return price(model)
                .map(p ->
                        (usage.inputTokens() * p.inputPerMillion() + usage.outputTokens() * p.outputPerMillion()) / 1e6)
                .orElse(0.0);
    }
}
