package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.ingestion.parsing.Transcriber.Segment;
import dev.verity.ingestion.parsing.Transcriber.TranscriptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Transcriber} must do: the speech its service hears comes back as segments in order, their text
 * as heard and their times within the uploaded piece ({@code 0 <= start <= end <= duration}, starts never going
 * back); no speech gives no segments; a service that is down or overloaded is a retryable
 * {@link TranscriptionException} and one that refuses (a bad key) a non-retryable one; and the upload limit is
 * positive.
 *
 * <p>Subclass it once per implementation and supply {@link #openTranscriber(List)}, {@link #serviceWillBeDown()} and
 * {@link #serviceWillRefuse()}; the service is a fake that hears the given sentences in every upload.
 * Implementations: {@code OpenAiTranscriber} against the testkit's {@code FakeTranscriptionServer} (verity-llm).
 */
public abstract class TranscriberContract {
    protected static final List<String> SPEECH = List.of("The meeting starts at nine.", "Bring the quarterly figures.");

    @TempDir
    protected Path dir;

    /** A transcriber whose service hears {@code speech}, in order, in every upload; none means silence. */
    protected abstract Transcriber openTranscriber(List<String> speech);

    /** The service opened last answers every later call with a server error (HTTP 503 or the like). */
    protected abstract void serviceWillBeDown();

    /** The service opened last refuses every later call (a wrong key: HTTP 401 or the like). */
    protected abstract void serviceWillRefuse();

    @Test
    void returnsTheSpeechInOrderAsHeard() throws IOException {
        List<Segment> segments = openTranscriber(SPEECH).transcribe(wav(4));

        assertThat(segments).extracting(Segment::text).containsExactlyElementsOf(SPEECH);
    }

    @Test
    void segmentTimesLieWithinThePieceAndNeverGoBack() throws IOException {
        Duration length = Duration.ofSeconds(4);

        List<Segment> segments = openTranscriber(SPEECH).transcribe(wav(4));

        assertThat(segments).isNotEmpty().allSatisfy(s -> {
            assertThat(s.start()).isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(s.end()).isGreaterThanOrEqualTo(s.start()).isLessThanOrEqualTo(length);
        });
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).start())
                    .isGreaterThanOrEqualTo(segments.get(i - 1).start());
        }
    }

    @Test
    void silenceGivesNoSegments() throws IOException {
        assertThat(openTranscriber(List.of()).transcribe(wav(2))).isEmpty();
    }

    @Test
    void aServiceThatIsDownIsARetryableFailure() throws IOException {
        Transcriber transcriber = openTranscriber(SPEECH);
        Path audio = wav(1);
        serviceWillBeDown();

        assertThatThrownBy(() -> transcriber.transcribe(audio))
                .isInstanceOfSatisfying(
                        TranscriptionException.class,
                        e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aServiceThatRefusesIsAFailureNotWorthRetrying() throws IOException {
        Transcriber transcriber = openTranscriber(SPEECH);
        Path audio = wav(1);
        serviceWillRefuse();

        assertThatThrownBy(() -> transcriber.transcribe(audio))
                .isInstanceOfSatisfying(
                        TranscriptionException.class,
                        e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void theUploadLimitIsPositive() {
        assertThat(openTranscriber(SPEECH).maxUploadBytes()).isPositive();
    }

    /** A 16 kHz mono 16-bit PCM WAV of silence, as the parser cuts them. */
    protected Path wav(double seconds) throws IOException {
        int data = (int) (seconds * 32_000);
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + data)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(16_000)
                .putInt(32_000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(data);
        return Files.write(dir.resolve("piece-" + seconds + ".wav"), b.array());
    }
}
