package dev.verity.testkit.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Anthropic Messages. */
final class AnthropicWire extends Wire {

    private static MappingBuilder chat() {
        return post(urlPathEqualTo("/v1/messages"));
    }

    @Override
    List<Route> routes() {
        return List.of(
                new Route(Variant.STREAM, chat().withRequestBody(matchingJsonPath("$.stream", equalTo("true"))), 4),
                new Route(Variant.JSON, chat(), 5));
    }

    @Override
    List<MappingBuilder> authFailures(String apiKey) {
        String unauthorized = error("authentication_error", "invalid x-api-key");
        return List.of(
                chat().withHeader("x-api-key", absent()).atPriority(1).willReturn(json(401, unauthorized)),
                chat().withHeader("x-api-key", notMatching(Pattern.quote(apiKey)))
                        .atPriority(1)
                        .willReturn(json(401, unauthorized)),
                chat().withHeader("anthropic-version", absent())
                        .atPriority(1)
                        .willReturn(
                                json(400, error("invalid_request_error", "anthropic-version: header is required"))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** {@code GET /v1/models}: one model, the fake's. */
    @Override
    Optional<MappingBuilder> modelList() {
        return Optional.of(get(urlPathEqualTo("/v1/models"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"data\": [{\"type\": \"model\", \"id\": \"fake-model-001\", \"display_name\":"
                                + " \"Fake\", \"created_at\": \"2025-01-01T00:00:00Z\"}], \"has_more\": false,"
                                + " \"first_id\": \"fake-model-001\", \"last_id\": \"fake-model-001\"}")));
    }

    @Override
    String json(FakeResponse r) {
        return "{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + Json.quote(r.model)
                + ",\"content\":[{\"type\":\"text\",\"text\":" + Json.quote(r.text()) + "}],\"stop_reason\":"
                + Json.quote(stopReason(r)) + ",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + r.inputTokens
                + ",\"output_tokens\":" + r.outputTokens + "}}";
    }

    @Override
    Frames stream(FakeResponse r, boolean includeUsage) {
        List<String> head = List.of(
                event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":"
                                + "\"message\",\"role\":\"assistant\",\"model\":" + Json.quote(r.model)
                                + ",\"content\":[],"
                                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
                                + r.inputTokens
                                + ",\"output_tokens\":1}}}"),
                event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                                + "\"text\":\"\"}}"),
                event("ping", "{\"type\":\"ping\"}"));
        List<String> deltas = new ArrayList<>();
        for (String d : r.deltas) {
            deltas.add(textDelta(d));
        }
        List<String> tail = List.of(
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                + Json.quote(stopReason(r)) + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                                + r.outputTokens + "}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"));
        return new Frames(head, deltas, tail);
    }

    private static String textDelta(String d) {
        return event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":" + "\"text_delta\",\"text\":"
                        + Json.quote(d) + "}}");
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    private static String stopReason(FakeResponse r) {
        return r.truncated ? "max_tokens" : "end_turn";
    }

    @Override
    String streamContentType() {
        return "text/event-stream";
    }

    @Override
    String errorBody(FakeResponse e) {
        String type = switch (e.status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        return error(type, "fake " + e.status + " " + httpReason(e.status));
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":" + Json.quote(type) + ",\"message\":" + Json.quote(message)
                + "}}";
    }

    @Override
    String malformedJson() {
        return "{\"id\":\"msg_fake\",\"type\":\"message\",\"content\":[{\"type\":";
    }

    @Override
    String malformedStream(FakeResponse r) {
        Frames frames = stream(r, true);
        return String.join("", frames.head()) + textDelta("Hel")
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":\n\n";
    }
}
