package dev.verity.ingestion.parsing;

import dev.verity.internal.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Turns speech into timed text. Implementations: {@code OpenAiTranscriber} in {@code verity-llm}, for any
 * OpenAI-compatible {@code /v1/audio/transcriptions} endpoint (OpenAI, Groq, a local whisper.cpp or
 * faster-whisper server).
 *
 * <p>The parser cuts long recordings into pieces below {@link #maxUploadBytes()} and calls this once per piece; the
 * segments it returns are relative to the start of that piece.
 */
public interface Transcriber {

    /**
     * @param audio a 16 kHz mono WAV file no larger than {@link #maxUploadBytes()}
     * @return the speech in order, times relative to the start of {@code audio}; empty when there is none
     * @throws TranscriptionException when the service fails or refuses; {@link TranscriptionException#retryable()}
     *     says whether trying again later may help
     */
    List<Segment> transcribe(Path audio);

    /** The largest file the service accepts in one request. */
    long maxUploadBytes();

    /** One stretch of speech. */
    record Segment(Duration start, Duration end, String text) {
        public Segment {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(text, "text");
            if (start.isNegative() || end.compareTo(start) < 0) {
                throw new IllegalArgumentException(
                        "a segment must satisfy 0 <= start <= end, got " + start + ".." + end);
            }
        }

        public Segment shifted(Duration offset) {
            return new Segment(start.plus(offset), end.plus(offset), text);
        }
    }

    /** The transcription service failed: not the file's fault. */
    final class TranscriptionException extends RuntimeException {
        private final boolean retryable;

        public TranscriptionException(String message, boolean retryable, Throwable cause) {
            super(Checks.nonBlank(message, "message"), cause);
            this.retryable = retryable;
        }

        /** True for timeouts, rate limits and server errors; false for refusals (bad key, unknown model). */
        public boolean retryable() {
            return retryable;
        }
    }
}
