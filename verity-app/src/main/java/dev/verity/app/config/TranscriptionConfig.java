package dev.verity.app.config;

import dev.verity.llm.transcription.TranscriptionSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The speech-to-text service for audio and video without subtitles, from the environment:
 *
 * <ul>
 *   <li>{@code VERITY_TRANSCRIPTION_BASE_URL}: an OpenAI-compatible API root, e.g. {@code https://api.openai.com/v1}
 *       or a local whisper server's {@code http://localhost:8000/v1}; unset means no transcription;
 *   <li>{@code VERITY_TRANSCRIPTION_API_KEY}, or {@code VERITY_TRANSCRIPTION_API_KEY_FILE} (a file holding it);
 *   <li>{@code VERITY_TRANSCRIPTION_MODEL}, default {@code whisper-1};
 *   <li>{@code VERITY_TRANSCRIPTION_TIMEOUT} (seconds per request, default 300) and
 *       {@code VERITY_TRANSCRIPTION_MAX_UPLOAD_BYTES} (default 25000000, OpenAI's limit).
 * </ul>
 */
public record TranscriptionConfig(Optional<TranscriptionSettings> settings) {
    static final String PREFIX = "VERITY_TRANSCRIPTION_";
    static final String DEFAULT_MODEL = "whisper-1";

    public TranscriptionConfig {
        Objects.requireNonNull(settings, "settings");
    }

    public static TranscriptionConfig none() {
        return new TranscriptionConfig(Optional.empty());
    }

    public static TranscriptionConfig from(Map<String, String> env) {
        String baseUrl = value(env, "BASE_URL");
        if (baseUrl == null) {
            if (value(env, "API_KEY") != null || value(env, "API_KEY_FILE") != null || value(env, "MODEL") != null) {
                throw new IllegalArgumentException(PREFIX + "BASE_URL is missing: set it to the API root of an"
                        + " OpenAI-compatible transcription service (e.g. https://api.openai.com/v1)");
            }
            return none();
        }
        URI url;
        try {
            url = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "BASE_URL is not a valid URL: " + baseUrl);
        }
        Optional<String> key = Optional.ofNullable(value(env, "API_KEY"));
        String keyFile = value(env, "API_KEY_FILE");
        if (key.isEmpty() && keyFile != null) {
            try {
                key = Optional.of(Files.readString(Path.of(keyFile), StandardCharsets.UTF_8)
                        .strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(PREFIX + "API_KEY_FILE: cannot read " + keyFile + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        String model = Optional.ofNullable(value(env, "MODEL")).orElse(DEFAULT_MODEL);
        long timeout = number(env, "TIMEOUT", TranscriptionSettings.DEFAULT_TIMEOUT.toSeconds());
        long maxUpload = number(env, "MAX_UPLOAD_BYTES", TranscriptionSettings.DEFAULT_MAX_UPLOAD_BYTES);
        try {
            return new TranscriptionConfig(
                    Optional.of(new TranscriptionSettings(url, key, model, Duration.ofSeconds(timeout), maxUpload)));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(PREFIX + "*: " + invalid.getMessage());
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(PREFIX + name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a whole number, got \"" + v + "\"");
        }
    }
}
