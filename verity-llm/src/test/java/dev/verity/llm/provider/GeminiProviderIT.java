package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GeminiProviderIT extends SpringAiLlmProviderContract {

    @Override
    protected FakeLlmServer startFake() {
        return FakeLlmServer.gemini();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.GEMINI;
    }

    /** The model is a path segment: {@code /v1beta/models/{model}:generateContent}. */
    @Override
    protected String sentModel(RecordedRequest request, JsonNode body) {
        String path = request.path();
        assertThat(path).startsWith("/v1beta/models/");
        return path.substring("/v1beta/models/".length(), path.lastIndexOf(':'));
    }

    @Override
    protected String sentSystemText(JsonNode body) {
        return OpenAiMessages.textOf(body.path("systemInstruction").path("parts"));
    }

    @Override
    protected String sentUserText(JsonNode body) {
        for (JsonNode content : body.path("contents")) {
            if (content.path("role").asString().equals("user")) {
                return OpenAiMessages.textOf(content.path("parts"));
            }
        }
        throw new AssertionError("no user content in " + body);
    }

    @Override
    protected Optional<JsonNode> sentSchema(JsonNode body) {
        JsonNode config = body.path("generationConfig");
        assertThat(config.path("responseMimeType").asString()).isEqualTo("application/json");
        return Optional.of(config.path("responseJsonSchema"));
    }

    /**
     * Spring AI iterates google-genai's blocking stream with {@code Flux.fromIterable}, and Reactor's iterable source
     * checks for a next element before emitting, so a delta reaches the caller one event late.
     */
    @Override
    protected int deltasDeliveredBeforeAStall(int sent) {
        return Math.max(0, sent - 1);
    }

    /**
     * Spring AI reads the schema into google-genai's OpenAPI-subset {@code Schema} before sending it as
     * {@code responseJsonSchema}: keywords outside that subset, such as {@code additionalProperties}, are dropped.
     */
    @Override
    protected JsonNode expectedSchema() {
        tools.jackson.databind.node.ObjectNode schema = (tools.jackson.databind.node.ObjectNode) super.expectedSchema();
        schema.remove("additionalProperties");
        return schema;
    }

    @Override
    protected String streamContentType() {
        return "text/event-stream";
    }

    @Override
    protected String streamOpeningWithDeltaHel() {
        return chunk("Hel") + chunk("lo") + chunk(" there") + chunk(" friend");
    }

    private static String chunk(String text) {
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text
                + "\"}]},\"index\":0}],\"modelVersion\":\"fake-model-001\"}\r\n\r\n";
    }

    @Test
    void sendsTheKeyInItsHeaderAndStreamsWithAltSse() {
        provider.stream(request(), delta -> {});

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models/" + MODEL + ":streamGenerateContent");
        assertThat(sent.queryParameter("alt")).contains("sse");
        assertThat(sent.header("x-goog-api-key")).contains(FakeLlmServer.API_KEY);
        assertThat(body(sent).path("generationConfig").path("maxOutputTokens").asInt())
                .isEqualTo(300);
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailureThoughGeminiAnswers400() {
        try (SpringAiLlmProvider wrongKey = SpringAiLlmProvider.create(
                settings(fake.baseUrl()).apiKey("not-the-key").build())) {
            ProviderException e = OpenAiProviderIT.catchProviderException(() -> wrongKey.chat(request()));

            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).contains("API key not valid");
        }
    }
}
