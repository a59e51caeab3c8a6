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

class AzureOpenAiProviderIT extends SpringAiLlmProviderContract {

    @Override
    protected FakeLlmServer startFake() {
        return FakeLlmServer.azureOpenAi();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.AZURE_OPENAI;
    }

    /** The deployment in the path; it defaults to the model name. */
    @Override
    protected String sentModel(RecordedRequest request, JsonNode body) {
        String path = request.path();
        assertThat(path).startsWith("/openai/deployments/").endsWith("/chat/completions");
        return path.substring("/openai/deployments/".length(), path.length() - "/chat/completions".length());
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
        return Optional.of(body.path("response_format").path("json_schema").path("schema"));
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
    void callsTheDeploymentPathWithTheApiVersionAndTheKeyInTheApiKeyHeader() {
        try (SpringAiLlmProvider azure = SpringAiLlmProvider.create(settings(fake.baseUrl())
                .azureDeployment("answers-prod")
                .azureApiVersion("2025-01-01-preview")
                .build())) {
            azure.chat(request());
        }

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/openai/deployments/answers-prod/chat/completions");
        assertThat(sent.queryParameter("api-version")).contains("2025-01-01-preview");
        assertThat(sent.header("api-key")).contains(FakeLlmServer.API_KEY);
        assertThat(sent.header("Authorization")).isEmpty();
        assertThat(body(sent).path("model").asString()).isEqualTo("answers-prod");
    }

    @Test
    void withoutAnApiVersionTheSdksLatestStableOneIsSent() {
        provider.chat(request());

        assertThat(fake.lastRequest().queryParameter("api-version")).contains("2024-10-21");
    }

    @Test
    void aPromptRefusedByTheContentFilterIsContentFilteredNotABadRequest() {
        fake.respondWith(FakeResponse.status(400).errorCode("content_filter"));

        ProviderException e = OpenAiProviderIT.catchProviderException(() -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.retriable()).isFalse();
    }
}
