package dev.verity.testkit.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FakeLlmServer} answers to one chat call: a reply (text split into streamed deltas, usage, model), an
 * HTTP error in the protocol's own error format, a dropped connection or a body that is not JSON; each optionally
 * slow. Embedding calls take {@link #embeddings()} instead of a reply, and the same failures. Immutable: every option returns a new instance, so shared constants are safe.
 *
 * <pre>{@code
 * fake.respondWith(FakeResponse.reply("Paris is the capital.").usage(42, 7));
 * fake.respondWith(FakeResponse.status(429).retryAfter("7"));
 * fake.respondInSequence(FakeResponse.status(503), FakeResponse.reply("ok"));
 * fake.respondToEmbeddingsInSequence(FakeResponse.status(429).retryAfter("0"), FakeResponse.embeddings());
 * fake.respondWith(FakeResponse.deltas("Hel", "lo", " world").stallAfter(2, Duration.ofSeconds(3)));
 * }</pre>
 *
 * The same response serves streaming and non-streaming calls: a reply is rendered as one JSON body or as the
 * protocol's stream of chunks, whichever the request asked for.
 */
public final class FakeResponse {
    /** The model a reply names when none is set; a client should pass it through unchanged. */
    public static final String DEFAULT_MODEL = "fake-model-001";

    enum Type {
        REPLY,
        EMBEDDINGS,
        STATUS,
        CONNECTION_RESET,
        MALFORMED
    }

    final Type type;
    final List<String> deltas;
    final String model;
    final int inputTokens;
    final int outputTokens;
    final boolean usageReported;
    final boolean truncated;
    final int status;
    final Optional<String> retryAfter;
    final Optional<String> errorCode;
    final Duration firstByteDelay;
    final int stallAfterDeltas;
    final Duration stall;
    /** Embeddings only: the size of every vector, whatever the request asked for; -1 for the usual rule. */
    final int embeddingDimension;
    /** Embeddings only: the vectors are listed last first, each with its input's index (OpenAI protocol). */
    final boolean embeddingsReversed;

    private FakeResponse(
            Type type,
            List<String> deltas,
            String model,
            int inputTokens,
            int outputTokens,
            boolean usageReported,
            boolean truncated,
            int status,
            Optional<String> retryAfter,
            Optional<String> errorCode,
            Duration firstByteDelay,
            int stallAfterDeltas,
            Duration stall,
            int embeddingDimension,
            boolean embeddingsReversed) {
        this.type = type;
        this.deltas = List.copyOf(deltas);
        this.model = model;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.usageReported = usageReported;
        this.truncated = truncated;
        this.status = status;
        this.retryAfter = retryAfter;
        this.errorCode = errorCode;
        this.firstByteDelay = firstByteDelay;
        this.stallAfterDeltas = stallAfterDeltas;
        this.stall = stall;
        this.embeddingDimension = embeddingDimension;
        this.embeddingsReversed = embeddingsReversed;
    }

    private static FakeResponse of(Type type, List<String> deltas, int status) {
        return new FakeResponse(
                type,
                deltas,
                DEFAULT_MODEL,
                10,
                5,
                true,
                false,
                status,
                Optional.empty(),
                Optional.empty(),
                Duration.ZERO,
                -1,
                Duration.ZERO,
                -1,
                false);
    }

    /**
     * A reply with this text; streamed as one delta per word (each delta but the first starts with the space before
     * its word), so the deltas concatenate to exactly {@code text}. Reports 10 input and 5 output tokens unless told.
     */
    public static FakeResponse reply(String text) {
        Objects.requireNonNull(text, "text");
        return of(Type.REPLY, splitWords(text), 0);
    }

    /** A reply streamed as exactly these deltas; the JSON form carries their concatenation. */
    public static FakeResponse deltas(String... deltas) {
        if (deltas.length == 0) {
            throw new IllegalArgumentException("deltas must not be empty");
        }
        return of(Type.REPLY, List.of(deltas), 0);
    }

    /**
     * For embedding calls: one vector per input text, derived from its words
     * ({@link dev.verity.testkit.fakes.HashingEmbeddingModel#unnormalized}, so texts sharing words are similar, and
     * the vectors are not of length 1), of the size the request asked for ({@code dimensions}) or else
     * {@link FakeLlmServer#DEFAULT_EMBEDDING_DIMENSION}. The usage reports one token per word.
     */
    public static FakeResponse embeddings() {
        return of(Type.EMBEDDINGS, List.of(), 0);
    }

    /**
     * An HTTP error with the protocol's error body (OpenAI {@code {"error":{...}}}, Anthropic
     * {@code {"type":"error",...}} with {@code overloaded_error} for 529, Gemini {@code {"error":{"status":...}}},
     * Ollama {@code {"error":"..."}}).
     */
    public static FakeResponse status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error in [400, 599], got " + status);
        }
        return of(Type.STATUS, List.of(), status);
    }

    /** The server reads the request, then resets the connection (TCP RST) without answering. */
    public static FakeResponse connectionReset() {
        return of(Type.CONNECTION_RESET, List.of(), 0);
    }

    /** HTTP 200 with a body that is not valid JSON (for a stream: one good chunk, then a broken one). */
    public static FakeResponse malformedBody() {
        return of(Type.MALFORMED, List.of("Hel", "lo"), 0);
    }

    /** Embeddings of this size whatever the request asked for: a model that ignores or misreports its dimension. */
    public FakeResponse dimension(int dimension) {
        requireType(Type.EMBEDDINGS, "dimension");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                dimension,
                embeddingsReversed);
    }

    /**
     * Embeddings listed in reverse order, each still carrying the index of its input, as the OpenAI protocol allows:
     * a client must order them by index, not by position. Ollama's protocol has no index and ignores this.
     */
    public FakeResponse reversed() {
        requireType(Type.EMBEDDINGS, "reversed");
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                true);
    }

    /** The token counts the reply reports. */
    public FakeResponse usage(int inputTokens, int outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must be >= 0, got " + inputTokens + " and " + outputTokens);
        }
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                true,
                truncated,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /**
     * The reply reports no token usage, as some OpenAI-compatible servers do and Ollama does for a cached prompt.
     * Anthropic always reports usage (its SDK requires it), so this is ignored there.
     */
    public FakeResponse withoutUsage() {
        return new FakeResponse(
                type,
                deltas,
                model,
                0,
                0,
                false,
                truncated,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /** The model the reply names. */
    public FakeResponse model(String model) {
        return new FakeResponse(
                type,
                deltas,
                Objects.requireNonNull(model, "model"),
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /**
     * The reply stops because it ran out of output tokens: finish reason {@code length} (OpenAI, Ollama),
     * {@code max_tokens} (Anthropic), {@code MAX_TOKENS} (Gemini).
     */
    public FakeResponse truncated() {
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                true,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /** A {@code Retry-After} header on an error, verbatim: seconds ({@code "7"}) or an HTTP date. */
    public FakeResponse retryAfter(String headerValue) {
        requireType(Type.STATUS, "retryAfter");
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                Optional.of(headerValue),
                errorCode,
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /**
     * The machine-readable code in the error body, e.g. {@code content_filter} for an Azure OpenAI prompt that its
     * content filter refused (HTTP 400). Only the OpenAI and Azure OpenAI bodies carry one.
     */
    public FakeResponse errorCode(String code) {
        requireType(Type.STATUS, "errorCode");
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                retryAfter,
                Optional.of(code),
                firstByteDelay,
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /** Nothing, not even the status line, is sent before this delay: a slow first byte (and first token). */
    public FakeResponse firstByteDelay(Duration delay) {
        return new FakeResponse(
                type,
                deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                retryAfter,
                errorCode,
                requireNonNegative(delay, "delay"),
                stallAfterDeltas,
                stall,
                embeddingDimension,
                embeddingsReversed);
    }

    /**
     * A stream that stalls: the first {@code deltas} deltas arrive at once, then nothing for {@code pause}, then the
     * rest. A JSON reply stalls half-way through its body. The server flushes padding the protocol ignores (SSE
     * comments, JSON whitespace) so the first part really leaves it.
     */
    public FakeResponse stallAfter(int deltas, Duration pause) {
        requireType(Type.REPLY, "stallAfter");
        if (deltas < 0 || deltas > this.deltas.size()) {
            throw new IllegalArgumentException("deltas must be in [0, " + this.deltas.size() + "], got " + deltas);
        }
        return new FakeResponse(
                type,
                this.deltas,
                model,
                inputTokens,
                outputTokens,
                usageReported,
                truncated,
                status,
                retryAfter,
                errorCode,
                firstByteDelay,
                deltas,
                requireNonNegative(pause, "pause"),
                embeddingDimension,
                embeddingsReversed);
    }

    /** The reply's whole text: its deltas concatenated. */
    public String text() {
        return String.join("", deltas);
    }

    /** The deltas a stream of this reply carries, in order. */
    public List<String> streamedDeltas() {
        return deltas;
    }

    public String modelName() {
        return model;
    }

    public int inputTokens() {
        return inputTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }

    @Override
    public String toString() {
        return switch (type) {
            case REPLY ->
                "reply " + deltas + " (" + model + ", usage "
                        + (usageReported ? inputTokens + "/" + outputTokens : "none") + ")";
            case EMBEDDINGS ->
                "embeddings" + (embeddingDimension > 0 ? " of " + embeddingDimension + " dimensions" : "");
            case STATUS ->
                "HTTP " + status + retryAfter.map(r -> " Retry-After " + r).orElse("");
            case CONNECTION_RESET -> "connection reset";
            case MALFORMED -> "malformed body";
        };
    }

    private void requireType(Type required, String option) {
        if (type != required) {
            throw new IllegalStateException(
                    option + " applies to a " + required.name().toLowerCase() + " response, not to " + this);
        }
    }

    private static Duration requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + d);
        }
        return d;
    }

    private static List<String> splitWords(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                parts.add(text.substring(start, i));
                start = i;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
