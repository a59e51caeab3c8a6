package dev.verity.testkit.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** OpenAI chat completions and embeddings, and Azure OpenAI's classic deployment paths with the same bodies. */
final class OpenAiWire extends Wire {
    private static final long CREATED = 1_735_689_600L;
    private final boolean azure;

    OpenAiWire(boolean azure) {
        this.azure = azure;
    }

    private MappingBuilder chat() {
        if (azure) {
            return post(urlPathMatching("/openai/deployments/[^/]+/chat/completions"))
                    .withQueryParam("api-version", matching(".+"));
        }
        return post(urlPathEqualTo("/v1/chat/completions"));
    }

    private MappingBuilder embeddings() {
        if (azure) {
            return post(urlPathMatching("/openai/deployments/[^/]+/embeddings"))
                    .withQueryParam("api-version", matching(".+"));
        }
        return post(urlPathEqualTo("/v1/embeddings"));
    }

    /** {@code GET /v1/models} (Azure: {@code /openai/models}): one model, the fake's. */
    @Override
    Optional<MappingBuilder> modelList() {
        return Optional.of(get(urlPathEqualTo(azure ? "/openai/models" : "/v1/models"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"object\": \"list\", \"data\": [{\"id\": \"fake-model\", \"object\": \"model\","
                                + " \"created\": 1767225600, \"owned_by\": \"verity\"}]}")));
    }

    @Override
    List<Route> routes() {
        return List.of(
                new Route(
                        Variant.STREAM_WITH_USAGE,
                        chat().withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))),
                        3),
                new Route(Variant.STREAM, chat().withRequestBody(matchingJsonPath("$.stream", equalTo("true"))), 4),
                new Route(Variant.JSON, chat(), 5));
    }

    @Override
    List<MappingBuilder> authFailures(String apiKey) {
        return authFailures(this::chat, apiKey);
    }

    @Override
    List<MappingBuilder> embeddingAuthFailures(String apiKey) {
        return authFailures(this::embeddings, apiKey);
    }

    private List<MappingBuilder> authFailures(Supplier<MappingBuilder> endpoint, String apiKey) {
        String header = azure ? "api-key" : "Authorization";
        String expected = azure ? apiKey : "Bearer " + apiKey;
        String body = error(
                "invalid_request_error",
                "invalid_api_key",
                "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.");
        List<MappingBuilder> stubs = new ArrayList<>();
        stubs.add(endpoint.get().withHeader(header, absent()).atPriority(1).willReturn(unauthorized(body)));
        stubs.add(endpoint.get()
                .withHeader(header, notMatching(Pattern.quote(expected)))
                .atPriority(1)
                .willReturn(unauthorized(body)));
        return stubs;
    }

    @Override
    Optional<MappingBuilder> embeddingRoute() {
        return Optional.of(embeddings());
    }

    @Override
    boolean isEmbeddingCall(String path) {
        return path.endsWith("/embeddings");
    }

    /**
     * {@code {"object":"list","data":[{"object":"embedding","index":0,"embedding":[...]}],"model":...,"usage":...}},
     * each vector a float array, or base64 of little-endian float32 when the request asked for
     * {@code encoding_format: base64} (the openai-java SDK's default).
     */
    @Override
    String embeddingsJson(Map<String, Object> request, int forcedDimension, boolean reversed) {
        List<String> texts = inputs(request.get("input"));
        int dimension = dimension(request, "dimensions", forcedDimension);
        boolean base64 = "base64".equals(request.get("encoding_format"));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] v = vector(texts.get(i), dimension);
            items.add("{\"object\":\"embedding\",\"index\":" + i + ",\"embedding\":"
                    + (base64 ? Json.quote(base64(v)) : floats(v)) + "}");
        }
        if (reversed) {
            java.util.Collections.reverse(items);
        }
        String data = String.join(",", items);
        int tokens = words(texts);
        return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":"
                + Json.quote(String.valueOf(request.getOrDefault("model", FakeResponse.DEFAULT_MODEL)))
                + ",\"usage\":{\"prompt_tokens\":" + tokens + ",\"total_tokens\":" + tokens + "}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unauthorized(String body) {
        return aResponse()
                .withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Override
    String json(FakeResponse r) {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":" + Json.quote(r.model) + ",\"system_fingerprint\":\"fp_fake\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.quote(r.text())
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":" + Json.quote(finishReason(r)) + "}]"
                + (r.usageReported ? ",\"usage\":" + usage(r) : "") + "}";
    }

    @Override
    Frames stream(FakeResponse r, boolean includeUsage) {
        List<String> deltas = new ArrayList<>();
        for (String d : r.deltas) {
            deltas.add(chunk(r, "{\"content\":" + Json.quote(d) + "}", "null"));
        }
        List<String> tail = new ArrayList<>();
        tail.add(chunk(r, "{}", Json.quote(finishReason(r))));
        if (includeUsage && r.usageReported) {
            tail.add(data("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                    + ",\"model\":" + Json.quote(r.model) + ",\"choices\":[],\"usage\":" + usage(r) + "}"));
        }
        tail.add("data: [DONE]\n\n");
        return new Frames(List.of(chunk(r, "{\"role\":\"assistant\",\"content\":\"\"}", "null")), deltas, tail);
    }

    private static String chunk(FakeResponse r, String delta, String finishReason) {
        return data("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":" + Json.quote(r.model)
                + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + finishReason + "}]}");
    }

    private static String data(String json) {
        return "data: " + json + "\n\n";
    }

    private static String usage(FakeResponse r) {
        return "{\"prompt_tokens\":" + r.inputTokens + ",\"completion_tokens\":" + r.outputTokens + ",\"total_tokens\":"
                + (r.inputTokens + r.outputTokens) + "}";
    }

    private static String finishReason(FakeResponse r) {
        return r.truncated ? "length" : "stop";
    }

    @Override
    String streamContentType() {
        return "text/event-stream";
    }

    @Override
    String errorBody(FakeResponse e) {
        String type = switch (e.status) {
            case 401, 403, 400, 404, 422 -> "invalid_request_error";
            case 429 -> "requests";
            default -> "server_error";
        };
        String code = e.errorCode.orElse(e.status == 429 ? "rate_limit_exceeded" : null);
        return error(type, code, "fake " + e.status + " " + httpReason(e.status));
    }

    private static String error(String type, String code, String message) {
        return "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":" + Json.quote(type)
                + ",\"param\":null,\"code\":" + (code == null ? "null" : Json.quote(code)) + "}}";
    }

    @Override
    String malformedStream(FakeResponse r) {
        return stream(r, false).head().getFirst() + chunk(r, "{\"content\":\"Hel\"}", "null")
                + "data: {\"id\":\"chatcmpl-fake\",\"choices\":[{\"delta\":\n\n";
    }
}
