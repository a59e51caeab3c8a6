package dev.verity.llm.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.ingestion.parsing.Transcriber.Segment;
import dev.verity.ingestion.parsing.Transcriber.TranscriptionException;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeTranscriptionServer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transcriber against a fake that speaks the real multipart / verbose_json protocol over HTTP. */
class OpenAiTranscriberIT {
    private static FakeTranscriptionServer fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fake = FakeTranscriptionServer.start("The meeting starts at nine.", "Bring the quarterly figures.");
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private static OpenAiTranscriber transcriber(String key, Duration timeout) {
        return new OpenAiTranscriber(new TranscriptionSettings(
                URI.create(fake.baseUrl()),
                Optional.of(key),
                "whisper-1",
                timeout,
                TranscriptionSettings.DEFAULT_MAX_UPLOAD_BYTES));
    }

    /** A 16 kHz mono 16-bit PCM WAV of silence. */
    private Path wav(double seconds) throws IOException {
        int data = (int) (seconds * 32_000);
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(36 + data)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(16_000)
                .putInt(32_000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(data);
        return Files.write(dir.resolve("piece.wav"), b.array());
    }

    @Test
    void uploadsTheAudioAsMultipartAndReadsTheTimedSegments() throws Exception {
        var segments =
                transcriber(FakeLlmServer.API_KEY, Duration.ofSeconds(10)).transcribe(wav(4));

        // 4 s of audio, two sentences spread evenly by the fake: 0–2 s and 2–4 s
        assertThat(segments)
                .containsExactly(
                        new Segment(Duration.ZERO, Duration.ofSeconds(2), "The meeting starts at nine."),
                        new Segment(Duration.ofSeconds(2), Duration.ofSeconds(4), "Bring the quarterly figures."));
        var request = fake.requests().getFirst();
        assertThat(request.getPart("model").getBody().asString()).isEqualTo("whisper-1");
        assertThat(request.getPart("response_format").getBody().asString()).isEqualTo("verbose_json");
        assertThat(request.getPart("file").getFileName()).isEqualTo("piece.wav");
    }

    @Test
    void aServerErrorIsRetryableAndNamesTheStatus() throws Exception {
        fake.failWith(503);

        assertThatThrownBy(() -> transcriber(FakeLlmServer.API_KEY, Duration.ofSeconds(10))
                        .transcribe(wav(1)))
                .isInstanceOfSatisfying(TranscriptionException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).endsWith("answered HTTP 503: fake failure 503");
                });
    }

    @Test
    void aWrongKeyIsNotRetryable() throws Exception {
        assertThatThrownBy(
                        () -> transcriber("wrong-key", Duration.ofSeconds(10)).transcribe(wav(1)))
                .isInstanceOfSatisfying(TranscriptionException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 401: Incorrect API key provided.");
                });
    }

    @Test
    void aSlowServerTimesOutRetryably() throws Exception {
        fake.delayEachCall(3_000);

        assertThatThrownBy(() -> transcriber(FakeLlmServer.API_KEY, Duration.ofMillis(500))
                        .transcribe(wav(1)))
                .isInstanceOfSatisfying(TranscriptionException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("did not answer within");
                });
    }

    @ParameterizedTest
    @CsvSource({
        "400,false",
        "401,false",
        "403,false",
        "404,false",
        "408,true",
        "409,true",
        "413,false",
        "422,false",
        "429,true",
        "500,true",
        "502,true",
        "503,true"
    })
    void statusesAreRetryableWhenTryingAgainCanHelp(int status, boolean retryable) {
        assertThat(OpenAiTranscriber.isRetryable(status)).isEqualTo(retryable);
    }

    @Test
    void settingsRefuseNonHttpUrlsAndHideTheKey() {
        assertThatThrownBy(() -> new TranscriptionSettings(
                        URI.create("file:///tmp/x"),
                        Optional.empty(),
                        "m",
                        Duration.ofSeconds(1),
                        TranscriptionSettings.DEFAULT_MAX_UPLOAD_BYTES))
                .hasMessage("baseUrl must be an http or https URL, got file:///tmp/x");
        assertThat(new TranscriptionSettings(
                                URI.create("http://x/v1/"),
                                Optional.of("sk-secret"),
                                "m",
                                Duration.ofSeconds(1),
                                TranscriptionSettings.DEFAULT_MAX_UPLOAD_BYTES)
                        .toString())
                .doesNotContain("sk-secret");
    }
}
