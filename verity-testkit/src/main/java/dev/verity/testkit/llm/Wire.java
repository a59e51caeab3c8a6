package dev.verity.testkit.llm;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.List;

/** How one protocol looks on the wire: which requests are chat calls, and how replies and errors are written. */
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
