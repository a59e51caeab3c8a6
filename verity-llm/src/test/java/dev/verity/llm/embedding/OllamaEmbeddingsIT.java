package dev.verity.llm.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaEmbeddingsIT extends RemoteEmbeddingModelContract {

    @Override
    FakeLlmServer startFake() {
        return FakeLlmServer.ollama();
    }

    @Override
    ProviderKind kind() {
        return ProviderKind.OLLAMA;
    }

    /** Ollama takes no key. */
    @Override
    ProviderSettings.Builder provider(String baseUrl) {
        return super.provider(baseUrl).apiKey(null);
    }

    /** Ollama lists vectors in input order, without indexes. */
    @Override
    boolean carriesIndexes() {
        return false;
    }

    @Override
    List<String> sentTexts(RecordedRequest request) {
        return OpenAiEmbeddingsIT.inputs(body(request));
    }

    @Test
    void postsAllTextsToApiEmbedWithTheModelAndNoKey() {
        model.embedPassages(PASSAGES);

        RecordedRequest sent = fake.lastRequest();
        assertThat(sent.path()).isEqualTo("/api/embed");
        assertThat(body(sent).path("model").asString()).isEqualTo(MODEL);
        assertThat(sent.header("Authorization")).isEmpty();
    }

    @Test
    void anUnpulledModelIsNotFound() {
        fake.respondToEmbeddingsWith(FakeResponse.status(404));

        ProviderException e = failureOf(() -> model.embedQuery("leave"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("try pulling it first");
        assertThat(fake.embeddingCallCount()).isEqualTo(1);
    }
}
