package dev.verity.testkit.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.and;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Google Gemini API (generativelanguage), as the google-genai SDK calls it with an API key. */
final class GeminiWire extends Wire {

    private static MappingBuilder generate(String method) {
        return post(urlPathMatching("/v1[a-z0-9]*/models/[^/:]+:" + method));
    }

    @Override
    List<Route> routes() {
        return List.of(
                new Route(Variant.STREAM, generate("streamGenerateContent"), 5),
                new Route(Variant.JSON, generate("generateContent"), 5));
    }

    /**
     * As Google answers: no key at all is 403 {@code PERMISSION_DENIED}, a wrong one is 400 {@code INVALID_ARGUMENT}
     * with reason {@code API_KEY_INVALID}. The key may come in {@code x-goog-api-key} or in {@code ?key=}.
     */
    @Override
    List<MappingBuilder> authFailures(String apiKey) {
        String missing = error(
                403,
                "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API "
                        + "Key or other form of API consumer identity to call this API.",
                null);
        String invalid =
                error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        List<MappingBuilder> stubs = new ArrayList<>();
        for (String method : List.of("generateContent", "streamGenerateContent")) {
            stubs.add(generate(method)
                    .withHeader("x-goog-api-key", absent())
                    .withQueryParam("key", absent())
                    .atPriority(1)
                    .willReturn(json(403, missing)));
            stubs.add(generate(method)
                    .withHeader("x-goog-api-key", wrong(apiKey))
                    .atPriority(1)
                    .willReturn(json(400, invalid)));
            stubs.add(generate(method)
                    .withQueryParam("key", wrong(apiKey))
                    .atPriority(1)
                    .willReturn(json(400, invalid)));
        }
        return stubs;
    }

    /** Present, but not the key (WireMock's {@code notMatching} alone also matches an absent value). */
    private static StringValuePattern wrong(String apiKey) {
        return and(matching(".+"), notMatching(Pattern.quote(apiKey)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    /** {@code GET /v1beta/models}: one model, the fake's. */
    @Override
    Optional<MappingBuilder> modelList() {
        return Optional.of(get(urlPathMatching("/v1[a-z0-9]*/models"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"models\": [{\"name\": \"models/fake-model-001\"}]}")));
    }

    @Override
    String json(FakeResponse r) {
        return response(r, r.text(), true);
    }

    private static String response(FakeResponse r, String text, boolean last) {
        String candidate = "{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + Json.quote(text) + "}]}"
                + (last ? ",\"finishReason\":" + Json.quote(r.truncated ? "MAX_TOKENS" : "STOP") : "")
                + ",\"index\":0}";
        String usage = !r.usageReported
                ? ""
                : last
                        ? ",\"usageMetadata\":{\"promptTokenCount\":" + r.inputTokens + ",\"candidatesTokenCount\":"
                                + r.outputTokens + ",\"totalTokenCount\":" + (r.inputTokens + r.outputTokens) + "}"
                        : ",\"usageMetadata\":{\"promptTokenCount\":" + r.inputTokens + ",\"totalTokenCount\":"
                                + r.inputTokens + "}";
        return "{\"candidates\":[" + candidate + "]" + usage + ",\"modelVersion\":" + Json.quote(r.model)
                + ",\"responseId\":\"fake-response\"}";
    }

    @Override
    Frames stream(FakeResponse r, boolean includeUsage) {
        List<String> deltas = new ArrayList<>();
        for (String d : r.deltas) {
            deltas.add(data(response(r, d, false)));
        }
        return new Frames(List.of(), deltas, List.of(data(response(r, "", true))));
    }

    private static String data(String json) {
        return "data: " + json + "\r\n\r\n";
    }

    @Override
    String streamContentType() {
        return "text/event-stream";
    }

    @Override
    String errorBody(FakeResponse e) {
        String status = switch (e.status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> e.status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
        return error(e.status, status, "fake " + e.status + " " + httpReason(e.status), null);
    }

    private static String error(int code, String status, String message, String reason) {
        return "{\"error\":{\"code\":" + code + ",\"message\":" + Json.quote(message) + ",\"status\":"
                + Json.quote(status)
                + (reason == null
                        ? ""
                        : ",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":" + Json.quote(reason)
                                + ",\"domain\":\"googleapis.com\"}]")
                + "}}";
    }

    @Override
    String malformedJson() {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":";
    }

    @Override
    String malformedStream(FakeResponse r) {
        return data(response(r, "Hel", false)) + "data: {\"candidates\":[{\"content\":\r\n\r\n";
    }
}
