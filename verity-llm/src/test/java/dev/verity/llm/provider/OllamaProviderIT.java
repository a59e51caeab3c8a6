package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OllamaProviderIT extends SpringAiLlmProviderContract {

    @Override
    protected FakeLlmServer startFake() {
        return FakeLlmServer.ollama();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.OLLAMA;
    }

    /** Ollama takes no key. */
    @Override
    ProviderSettings.Builder settings(String baseUrl) {
        return super.settings(baseUrl).apiKey(null);
    }

    @Override
    protected String sentModel(RecordedRequest request, JsonNode body) {
        return body.path("model").asString();
    }

    @Override
    protected String sentSystemText(JsonNode body) {
        return OpenAiMessages.text(body, "system");
    }

    @Override
    protected String sentUserText(JsonNode body) {
        return OpenAiMessages.text(body, "user");
    }

    @Override
    protected Optional<JsonNode> sentSchema(JsonNode body) {
        return Optional.of(body.path("format"));
    }

    @Override
    protected String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    protected String streamOpeningWithDeltaHel() {
        return "{\"model\":\"fake-model-001\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"Hel\"},\"done\":false}\n";
    }

    @Test
    void sendsTheOutputLimitAsNumPredictAndAsksForNoStreamInChat() {
        provider.chat(request());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/api/chat");
        JsonNode body = body(sent);
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(300);
        assertThat(sent.header("Authorization")).isEmpty();
    }

    @Test
    void aConfiguredKeyIsSentAsABearerTokenForAProxyInFront() {
        try (SpringAiLlmProvider proxied = SpringAiLlmProvider.create(
                settings(fake.baseUrl()).apiKey("proxy-token").build())) {
            proxied.chat(request());
            proxied.stream(request(), delta -> {});
        }

        assertThat(fake.requests())
                .extracting(sent -> sent.header("Authorization").orElseThrow())
                .containsExactly("Bearer proxy-token", "Bearer proxy-token");
    }

    @Test
    void anUnknownModelIsNotFound() {
        fake.respondWith(FakeResponse.status(404));

        ProviderException e = OpenAiProviderIT.catchProviderException(() -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("not found, try pulling it first");
    }
}
