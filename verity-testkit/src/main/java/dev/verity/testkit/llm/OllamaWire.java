package dev.verity.testkit.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Ollama's chat and embed APIs: no credential; chat streams by default, as NDJSON. */
final class OllamaWire extends Wire {
    private static final String CREATED_AT = "\"created_at\":\"2025-01-01T00:00:00.000000Z\"";

    private static MappingBuilder chat() {
        return post(urlPathEqualTo("/api/chat"));
    }

    /** {@code GET /api/tags}: no local models listed. */
    @Override
    Optional<MappingBuilder> modelList() {
        return Optional.of(get(urlPathEqualTo("/api/tags"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"models\": []}")));
    }

    @Override
    List<Route> routes() {
        return List.of(
                new Route(Variant.JSON, chat().withRequestBody(matchingJsonPath("$.stream", equalTo("false"))), 4),
                new Route(Variant.STREAM, chat(), 5));
    }

    @Override
    List<MappingBuilder> authFailures(String apiKey) {
        return List.of();
    }

    @Override
    Optional<MappingBuilder> embeddingRoute() {
        return Optional.of(post(urlPathEqualTo("/api/embed")));
    }

    @Override
    boolean isEmbeddingCall(String path) {
        return path.equals("/api/embed");
    }

    /** {@code {"model":...,"embeddings":[[...],...],"total_duration":...,"prompt_eval_count":...}}. */
    @Override
    String embeddingsJson(Map<String, Object> request, int forcedDimension, boolean reversed) {
        List<String> texts = inputs(request.get("input"));
        int dimension = dimension(request, "dimensions", forcedDimension);
        StringBuilder vectors = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            vectors.append(i == 0 ? "" : ",").append(floats(vector(texts.get(i), dimension)));
        }
        return "{\"model\":" + Json.quote(String.valueOf(request.getOrDefault("model", FakeResponse.DEFAULT_MODEL)))
                + ",\"embeddings\":[" + vectors + "],\"total_duration\":1200000,\"load_duration\":100000,"
                + "\"prompt_eval_count\":" + words(texts) + "}";
    }

    @Override
    String json(FakeResponse r) {
        return last(r, r.text());
    }

    private static String last(FakeResponse r, String text) {
        return "{\"model\":" + Json.quote(r.model) + "," + CREATED_AT + ",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + Json.quote(text) + "},\"done_reason\":" + Json.quote(r.truncated ? "length" : "stop")
                + ",\"done\":true,\"total_duration\":1200000,\"load_duration\":100000"
                + (r.usageReported ? ",\"prompt_eval_count\":" + r.inputTokens : "")
                + ",\"prompt_eval_duration\":300000"
                + (r.usageReported ? ",\"eval_count\":" + r.outputTokens : "") + ",\"eval_duration\":800000}";
    }

    @Override
    Frames stream(FakeResponse r, boolean includeUsage) {
        List<String> deltas = new ArrayList<>();
        for (String d : r.deltas) {
            deltas.add("{\"model\":" + Json.quote(r.model) + "," + CREATED_AT
                    + ",\"message\":{\"role\":\"assistant\",\"content\":" + Json.quote(d) + "},\"done\":false}\n");
        }
        return new Frames(List.of(), deltas, List.of(last(r, "") + "\n"));
    }

    @Override
    String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    String errorBody(FakeResponse e) {
        String message = switch (e.status) {
            case 404 -> "model \"" + FakeResponse.DEFAULT_MODEL + "\" not found, try pulling it first";
            default -> "fake " + e.status + " " + httpReason(e.status);
        };
        return "{\"error\":" + Json.quote(message) + "}";
    }

    @Override
    String padding() {
        return (" ".repeat(63) + "\n").repeat(FLUSH_PADDING_BYTES / 64 + 1);
    }

    @Override
    String malformedJson() {
        return "{\"model\":\"fake\",\"message\":{\"role\":";
    }

    @Override
    String malformedStream(FakeResponse r) {
        return stream(r, false).deltas().getFirst() + "{\"model\":\"fake\",\"message\":\n";
    }
}
