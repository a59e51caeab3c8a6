package dev.verity.llm.transcription;

import dev.verity.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where speech is sent to become text.
 *
 * @param baseUrl the service's API root, e.g. {@code https://api.openai.com/v1}; {@code /audio/transcriptions} is
 *     appended
 * @param apiKey sent as a bearer token; empty for local servers that need none
 * @param model e.g. {@code whisper-1}
 * @param timeout per request
 * @param maxUploadBytes the largest audio file the service accepts
 */
public record TranscriptionSettings(
        URI baseUrl, Optional<String> apiKey, String model, Duration timeout, long maxUploadBytes) {
    /** OpenAI's limit for one upload. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 25L * 1000 * 1000;
    /** Transcribing a 13-minute piece (the default upload size) takes well under a minute on hosted services. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public TranscriptionSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL, got " + baseUrl);
        }
        Objects.requireNonNull(apiKey, "apiKey");
        Checks.nonBlank(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxUploadBytes < 64 * 1024) {
            throw new IllegalArgumentException(
                    "maxUploadBytes must be at least 65536 (two seconds of audio), got " + maxUploadBytes);
        }
    }

    /** The endpoint: {@code baseUrl} + {@code /audio/transcriptions}. */
    public URI endpoint() {
        String root = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(root + "/audio/transcriptions");
    }

    @Override
    public String toString() {
        return "TranscriptionSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "none")
                + ", model=" + model + ", timeout=" + timeout + ", maxUploadBytes=" + maxUploadBytes + "]";
    }
}
