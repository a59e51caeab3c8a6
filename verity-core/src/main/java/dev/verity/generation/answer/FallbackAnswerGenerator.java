package dev.verity.generation.answer;

import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * Tries generators in order (say a primary model, a secondary model, then the extractive answerer) and returns the
 * first answer. When a generator fails — a {@link ProviderException} (timeout, rate limit, outage, open circuit) or a
 * {@link GenerationException} (invalid or uncited output) — the next one answers, and the answer says so:
 * {@code degraded} with the first failure's reason and the tokens already spent.
 *
 * <p>Give it a last generator that cannot fail (the extractive one): otherwise the last failure propagates.
 */
public final class FallbackAnswerGenerator implements AnswerGenerator {
    private final List<AnswerGenerator> chain;

    public FallbackAnswerGenerator(List<AnswerGenerator> chain) {
        this.chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least one generator");
        }
    }

    /** Streams from each generator in turn; a failure after some text was delivered resets the listener. */
    @Override
    public Answer generate(AnswerRequest request, AnswerListener listener) {
        String firstFailure = null;
        TokenUsage spent = TokenUsage.NONE;
        double spentUsd = 0;
        RuntimeException last = null;
        for (AnswerGenerator generator : chain) {
            boolean[] delivered = {false};
            AnswerListener tracking = new AnswerListener() {
                @Override
                public void onDelta(String text) {
                    delivered[0] = true;
                    listener.onDelta(text);
                }

                @Override
                public void onReset() {
                    listener.onReset();
                }
            };
            try {
                Answer answer = generator.generate(request, tracking);
                if (firstFailure == null) {
                    return answer;
                }
                return answer.withGeneration(answer.generation().degraded(firstFailure, spent, spentUsd));
            } catch (ProviderException e) {
                firstFailure = firstFailure == null ? e.kind().code() : firstFailure;
                last = e;
            } catch (GenerationException e) {
                firstFailure = firstFailure == null ? e.reason() : firstFailure;
                spent = spent.plus(e.spent());
                spentUsd += e.spentUsd();
                last = e;
            }
            if (delivered[0]) {
                listener.onReset();
            }
        }
        throw last;
    }

    @Override
    public String fingerprint(GenerationPlan plan) {
        StringBuilder chain = new StringBuilder("fallback[");
        for (AnswerGenerator generator : this.chain) {
            chain.append(generator.fingerprint(plan)).append(';');
        }
        return chain.append(']').toString();
    }
}
