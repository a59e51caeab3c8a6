package dev.verity.llm.transcription;

import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.testkit.contracts.TranscriberContract;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeTranscriptionServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The OpenAI-compatible transcriber keeps the transcriber contract against a fake speaking the real protocol. */
class OpenAiTranscriberContractIT extends TranscriberContract {
    private final List<FakeTranscriptionServer> fakes = new ArrayList<>();

    @Override
    protected Transcriber openTranscriber(List<String> speech) {
        FakeTranscriptionServer fake = FakeTranscriptionServer.start(speech.toArray(String[]::new));
        fakes.add(fake);
        return new OpenAiTranscriber(new TranscriptionSettings(
                URI.create(fake.baseUrl()),
                Optional.of(FakeLlmServer.API_KEY),
                "whisper-1",
                Duration.ofSeconds(10),
                TranscriptionSettings.DEFAULT_MAX_UPLOAD_BYTES));
    }

    @Override
    protected void serviceWillBeDown() {
        fakes.getLast().failWith(503);
    }

    @Override
    protected void serviceWillRefuse() {
        fakes.getLast().failWith(401);
    }

    @AfterEach
    void stop() {
        fakes.forEach(FakeTranscriptionServer::close);
    }
}
