package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiProviderIT extends SpringAiLlmProviderContract {

    @Override
    protected FakeLlmServer startFake() {
        return FakeLlmServer.openAi();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.OPENAI;
    }

    @Override
    protected String baseUrlAt(String root) {
        return root + "/v1";
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
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        return Optional.of(format.path("json_schema").path("schema"));
    }

    @Override
    protected String streamContentType() {
        return "text/event-stream";
    }

    @Override
    protected String streamOpeningWithDeltaHel() {
        return OpenAiMessages.OPENING_WITH_HEL;
    }

    @Test
    void sendsTheKeyAsABearerTokenAndTheOutputLimitAsMaxTokens() {
        provider.chat(request());

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).contains("Bearer " + FakeLlmServer.API_KEY);
        // A compatible server (not api.openai.com) gets max_tokens, which all of them understand.
        assertThat(body(sent).path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body(sent).path("temperature").asDouble()).isZero();
    }

    @Test
    void streamAsksForUsageInTheFinalChunk() {
        provider.stream(request(), delta -> {});

        JsonNode body = body(fake.lastRequest());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
    }

    @Test
    void aCompatibleServerWithoutAKeyGetsNoAuthorizationHeader() {
        try (FakeLlmServer keyless = FakeLlmServer.openAi();
                SpringAiLlmProvider noKey = SpringAiLlmProvider.create(ProviderSettings.builder(ProviderKind.OPENAI)
                        .baseUrl(keyless.baseUrl())
                        .model(MODEL)
                        .build())) {
            // The fake, like OpenAI itself, refuses a request without the key: what matters is what was sent.
            catchProviderException(() -> noKey.chat(request()));

            assertThat(keyless.lastRequest().header("Authorization")).isEmpty();
        }
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailure() {
        try (SpringAiLlmProvider wrongKey = SpringAiLlmProvider.create(
                settings(fake.baseUrl()).apiKey("not-the-key").build())) {
            var e = catchProviderException(() -> wrongKey.chat(request()));

            assertThat(e.kind()).isEqualTo(dev.verity.generation.provider.ProviderException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("Incorrect API key provided");
            assertThat(fake.callCount()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsTurnedIntoAWait() {
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        fake.respondWith(FakeResponse.status(429).retryAfter(inTenSeconds));

        var e = catchProviderException(() -> provider.chat(request()));

        assertThat(e.retryAfter())
                .hasValueSatisfying(wait ->
                        assertThat(wait).isBetween(java.time.Duration.ofSeconds(7), java.time.Duration.ofSeconds(10)));
    }

    static dev.verity.generation.provider.ProviderException catchProviderException(Runnable call) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.verity.generation.provider.ProviderException.class, call::run);
    }
}
