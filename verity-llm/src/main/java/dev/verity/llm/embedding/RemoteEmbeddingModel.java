package dev.verity.llm.embedding;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.llm.provider.ProviderErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.springframework.ai.embedding.Embedding;

/**
 * An {@link EmbeddingModel} behind a remote API: OpenAI and OpenAI-compatible servers ({@code /v1/embeddings}: vLLM,
 * llama.cpp, LM Studio…), Azure OpenAI, or Ollama ({@code /api/embed}), through Spring AI 2.0 embedding models built
 * without a Spring context.
 *
 * <pre>{@code
 * try (RemoteEmbeddingModel model = RemoteEmbeddingModel.create(settings, tokenCounter)) {
 *     List<float[]> vectors = model.embedPassages(chunks);     // batches of settings.maxBatchSize(), in order
 *     float[] query = model.embedQuery("How many days of leave?");
 * }
 * }</pre>
 *
 * <ol>
 *   <li>Texts get the query or passage prefix and are sent in batches of at most {@code maxBatchSize}, one request
 *       per batch, one batch after another.
 *   <li>Each batch's vectors are put back in input order by the index the provider gave them; a missing, repeated or
 *       extra one is an {@code INVALID_RESPONSE}.
 *   <li>Every vector must have exactly {@link #dimension()} finite components and a non-zero length; it is then
 *       L2-normalised, so that a dot product is the cosine, as the index assumes.
 *   <li>A retriable failure (rate limit, server error, timeout, dropped connection) is tried again after the
 *       provider's {@code Retry-After} or an exponential backoff with jitter, up to {@code maxAttempts} per batch
 *       ({@link dev.verity.llm.resilience.ResilienceSettings#retryDelay}); nothing below retries on its own, so
 *       retries never stack. Others (bad key, unknown model) fail at once. Failures are {@link ProviderException}s.
 * </ol>
 *
 * <p>Token counts for chunk budgets come from the {@link TokenCounter} given: the provider's tokenizer is not
 * available locally, so a caller passes the closest one it has (Verity passes bge's WordPiece tokenizer, which also
 * keeps chunks the same whichever model embeds them). Trap: {@link #id()} names the vector space (provider, model,
 * dimension, passage prefix); vectors of different ids must never share an index.
 *
 * <p>Thread-safe. Interrupting a calling thread cancels its request and throws {@link CancellationException}.
 */
public final class RemoteEmbeddingModel implements EmbeddingModel, AutoCloseable {
    private final EmbeddingSettings settings;
    private final TokenCounter tokenCounter;
    private final SpringAiEmbeddings client;

    private RemoteEmbeddingModel(EmbeddingSettings settings, TokenCounter tokenCounter, SpringAiEmbeddings client) {
        this.settings = settings;
        this.tokenCounter = tokenCounter;
        this.client = client;
    }

    /** A model for these settings. Builds the HTTP client; no network call is made until the first text. */
    public static RemoteEmbeddingModel create(EmbeddingSettings settings, TokenCounter tokenCounter) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tokenCounter, "tokenCounter");
        return new RemoteEmbeddingModel(settings, tokenCounter, SpringAiEmbeddings.forSettings(settings));
    }

    public EmbeddingSettings settings() {
        return settings;
    }

    /** The provider kind's code, as failures name it, e.g. {@code ollama}. */
    public String name() {
        return settings.provider().kind().code();
    }

    /** {@link EmbeddingSettings#modelId()}, e.g. {@code openai:text-embedding-3-small:1536}. */
    @Override
    public String id() {
        return settings.modelId();
    }

    @Override
    public int dimension() {
        return settings.dimension();
    }

    @Override
    public TokenCounter tokenCounter() {
        return tokenCounter;
    }

    @Override
    public float[] embedQuery(String query) {
        Objects.requireNonNull(query, "query");
        return embedBatch(List.of(settings.queryPrefix() + query)).getFirst();
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<float[]> vectors = new ArrayList<>(passages.size());
        for (int from = 0; from < passages.size(); from += settings.maxBatchSize()) {
            List<String> batch = new ArrayList<>();
            for (String passage : passages.subList(from, Math.min(passages.size(), from + settings.maxBatchSize()))) {
                batch.add(settings.passagePrefix() + passage);
            }
            vectors.addAll(embedBatch(batch));
        }
        return vectors;
    }

    /** Closes the HTTP client; calls in flight fail. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "RemoteEmbeddingModel[" + settings + "]";
    }

    /** One batch, one request per attempt, retried as the policy allows. */
    private List<float[]> embedBatch(List<String> texts) {
        for (int attempt = 1; ; attempt++) {
            List<Embedding> results;
            try {
                results = client.call(texts);
            } catch (RuntimeException e) {
                ProviderException failure = failure(e);
                Optional<Duration> wait = settings.resilience().retryDelay(attempt, failure);
                if (wait.isEmpty()) {
                    throw failure;
                }
                pause(wait.get(), failure);
                continue;
            }
            return vectors(results, texts.size());
        }
    }

    private List<float[]> vectors(List<Embedding> results, int expected) {
        if (results.size() != expected) {
            throw invalid("asked for " + expected + " vectors, got " + results.size());
        }
        float[][] ordered = new float[expected][];
        for (int i = 0; i < results.size(); i++) {
            Embedding result = results.get(i);
            int index = result.getIndex() == null ? i : result.getIndex();
            if (index < 0 || index >= expected || ordered[index] != null) {
                throw invalid("vector " + i + " of " + expected + " has index " + index + ", outside [0, " + expected
                        + ") or given twice");
            }
            ordered[index] = normalized(result.getOutput(), index);
        }
        return List.of(ordered);
    }

    /** The vector scaled to length 1, after checking its size and values. */
    private float[] normalized(float[] raw, int index) {
        if (raw == null || raw.length != settings.dimension()) {
            throw invalid(settings.provider().model() + " returned a vector of " + (raw == null ? 0 : raw.length)
                    + " dimensions for input " + index + ", but " + settings.dimension()
                    + " are configured: configure the dimension the model really returns, or a model that returns "
                    + settings.dimension());
        }
        double sum = 0;
        for (float x : raw) {
            sum += (double) x * x;
        }
        if (!Double.isFinite(sum) || sum == 0) {
            throw invalid("the vector for input " + index + " is " + (sum == 0 ? "all zeros" : "not finite")
                    + ": it has no direction to compare");
        }
        double inverse = 1 / Math.sqrt(sum);
        float[] unit = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            unit[i] = (float) (raw[i] * inverse);
        }
        return unit;
    }

    private ProviderException invalid(String message) {
        return new ProviderException(Kind.INVALID_RESPONSE, name(), message);
    }

    /** The failure as a {@link ProviderException}; a call that failed because its thread was interrupted throws. */
    private ProviderException failure(RuntimeException error) {
        if (Thread.currentThread().isInterrupted()) {
            CancellationException cancelled = new CancellationException(name() + ": embedding call interrupted");
            cancelled.initCause(error);
            throw cancelled;
        }
        return ProviderErrors.map(name(), error);
    }

    private void pause(Duration wait, ProviderException failure) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(name() + ": interrupted before a retry");
            cancelled.initCause(failure);
            throw cancelled;
        }
    }
}
