package dev.verity.testkit.llm;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one protocol looks on the wire: which requests are chat and embedding calls, and how replies, vectors and errors
 * are written.
 */
abstract class Wire {
    /** Padding large enough to make the server flush what precedes it (Jetty buffers up to 32 KiB). */
    static final int FLUSH_PADDING_BYTES = 72 * 1024;

    enum Variant {
        JSON,
        STREAM,
        /** OpenAI only: a stream whose request asked for a final usage chunk. */
        STREAM_WITH_USAGE
    }

    /**
     * A kind of chat request: its matcher and its priority (lower wins in WireMock), so that the most specific
     * variant answers.
     */
    record Route(Variant variant, MappingBuilder request, int priority) {}

    /**
     * A streamed reply as frames: what precedes the first delta, one frame per delta, what follows the last. Joined,
     * they are the response body.
     */
    record Frames(List<String> head, List<String> deltas, List<String> tail) {
        String body() {
            return String.join("", head) + String.join("", deltas) + String.join("", tail);
        }

        /** The body's length in UTF-8 bytes up to (excluding) the {@code n}-th delta frame. */
        int bytesBeforeDelta(int n) {
            String prefix = String.join("", head) + String.join("", deltas.subList(0, n));
            return prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }

    /** Fresh matchers for each kind of chat request (WireMock builders are mutable: never reuse them). */
    abstract List<Route> routes();

    /** Stubs, with their responses, for requests that lack the credential or carry a wrong one. */
    abstract List<MappingBuilder> authFailures(String apiKey);

    abstract String json(FakeResponse reply);

    abstract Frames stream(FakeResponse reply, boolean includeUsage);

    abstract String streamContentType();

    abstract String errorBody(FakeResponse error);

    /** A stream that starts well and then breaks: the first delta, then a frame that is not JSON. */
    abstract String malformedStream(FakeResponse reply);

    /** A fresh matcher for embedding calls; empty where the fake serves no embeddings for this protocol. */
    Optional<MappingBuilder> embeddingRoute() {
        return Optional.empty();
    }

    /**
     * The stub, with its response, of the free request that lists the models (what a client sends to warm up);
     * empty where the fake serves none (then such a request gets WireMock's 404, and is still recorded).
     */
    Optional<MappingBuilder> modelList() {
        return Optional.empty();
    }

    /** Stubs, with their responses, for embedding calls that lack the credential or carry a wrong one. */
    List<MappingBuilder> embeddingAuthFailures(String apiKey) {
        return List.of();
    }

    /** Whether a request to this path is an embedding call. */
    boolean isEmbeddingCall(String path) {
        return false;
    }

    /**
     * The body answering an embedding request: a vector per input text, of {@code forcedDimension} components when
     * it is positive, else of the size the request asked for, else {@link FakeLlmServer#DEFAULT_EMBEDDING_DIMENSION};
     * listed last first when {@code reversed} and the protocol carries indexes.
     */
    String embeddingsJson(Map<String, Object> request, int forcedDimension, boolean reversed) {
        throw new UnsupportedOperationException("no embeddings for this protocol");
    }

    /** The texts of an {@code input} field: one string or a list of them. */
    static List<String> inputs(Object input) {
        if (input instanceof String text) {
            return List.of(text);
        }
        if (input instanceof List<?> list) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw new IllegalArgumentException("input must hold strings, got " + item);
                }
                texts.add(text);
            }
            return texts;
        }
        throw new IllegalArgumentException("input must be a string or a list of strings, got " + input);
    }

    /** The vector size to answer with: forced, else the request's {@code field}, else the fake's default. */
    static int dimension(Map<String, Object> request, String field, int forcedDimension) {
        if (forcedDimension > 0) {
            return forcedDimension;
        }
        return request.get(field) instanceof Number n ? n.intValue() : FakeLlmServer.DEFAULT_EMBEDDING_DIMENSION;
    }

    /** The fake's vector for a text: hashed words, not normalized; never all zeros, as no real model answers that. */
    static float[] vector(String text, int dimension) {
        float[] v = HashingEmbeddingModel.unnormalized(text, dimension);
        for (float x : v) {
            if (x != 0) {
                return v;
            }
        }
        v[0] = 1;
        return v;
    }

    /** A JSON array of the components. */
    static String floats(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 4).append('[');
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append(']').toString();
    }

    /** The components as little-endian float32 bytes in base64, as OpenAI sends {@code encoding_format: base64}. */
    static String base64(float[] v) {
        java.nio.ByteBuffer bytes =
                java.nio.ByteBuffer.allocate(v.length * Float.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bytes.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Words in the texts: the fakes' token count for embeddings. */
    static int words(List<String> texts) {
        int n = 0;
        for (String text : texts) {
            String stripped = text.strip();
            n += stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
        }
        return n;
    }

    /** Bytes the protocol's parser ignores, at least {@link #FLUSH_PADDING_BYTES} long. */
    String padding() {
        return (": " + " ".repeat(60) + "\n").repeat(FLUSH_PADDING_BYTES / 63 + 1);
    }

    String malformedJson() {
        return "{\"id\": \"broken\", \"choices\": [{\"message\": ";
    }

    static String httpReason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 529 -> "Overloaded";
            default -> "Error " + status;
        };
    }
}
