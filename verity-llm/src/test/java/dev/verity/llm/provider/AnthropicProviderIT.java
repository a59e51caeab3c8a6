package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicProviderIT extends SpringAiLlmProviderContract {

    @Override
    protected FakeLlmServer startFake() {
        return FakeLlmServer.anthropic();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.ANTHROPIC;
    }

    @Override
    protected int overloadedStatus() {
        return 529;
    }

    @Override
    protected boolean canOmitUsage() {
        return false;
    }

    @Override
    protected String sentModel(RecordedRequest request, JsonNode body) {
        return body.path("model").asString();
    }

    @Override
    protected String sentSystemText(JsonNode body) {
        return OpenAiMessages.textOf(body.path("system"));
    }

    @Override
    protected String sentUserText(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asString().equals("user")) {
                return OpenAiMessages.textOf(message.path("content"));
            }
        }
        throw new AssertionError("no user message in " + body);
    }

    /** Anthropic gets the schema through the instructions only. */
    @Override
    protected Optional<JsonNode> sentSchema(JsonNode body) {
        assertThat(body.has("output_config")).isFalse();
        assertThat(body.has("output_format")).isFalse();
        return Optional.empty();
    }

    @Override
    protected String streamContentType() {
        return "text/event-stream";
    }

    @Override
    protected String streamOpeningWithDeltaHel() {
        return """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",\
                "model":"fake-model-001","content":[],"stop_reason":null,"stop_sequence":null,\
                "usage":{"input_tokens":10,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                """;
    }

    @Test
    void sendsTheKeyTheApiVersionAndTheOutputLimit() {
        provider.chat(request());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).contains(FakeLlmServer.API_KEY);
        assertThat(sent.header("anthropic-version")).isPresent();
        assertThat(body(sent).path("max_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void marksTheSystemPromptAsACacheBreakpoint() {
        provider.chat(request());

        JsonNode system = body(fake.lastRequest()).path("system");
        assertThat(system.isArray()).as("system sent as blocks: %s", system).isTrue();
        assertThat(system.get(system.size() - 1)
                        .path("cache_control")
                        .path("type")
                        .asString())
                .isEqualTo("ephemeral");
    }

    @Test
    void aTemperatureAboveAnthropicsRangeIsCappedAtOne() {
        provider.chat(new ChatRequest(MODEL, List.of(ChatMessage.user(USER)), Optional.empty(), 100, 1.7));

        assertThat(body(fake.lastRequest()).path("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailure() {
        try (SpringAiLlmProvider wrongKey = SpringAiLlmProvider.create(
                settings(fake.baseUrl()).apiKey("not-the-key").build())) {
            ProviderException e = OpenAiProviderIT.catchProviderException(() -> wrongKey.chat(request()));

            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("invalid x-api-key");
        }
    }
}
