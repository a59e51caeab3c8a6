package dev.verity.llm.transcription;

import dev.verity.ingestion.parsing.Transcriber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Transcriber} for any OpenAI-compatible {@code POST /audio/transcriptions} endpoint: the audio goes up as
 * {@code multipart/form-data} with {@code model} and {@code response_format=verbose_json}, and the segments of the
 * answer, with their start and end in seconds, come back.
 *
 * <p>Written on {@code java.net.http} rather than an SDK: the protocol is one multipart request and one JSON answer,
 * and owning it keeps the timeout, the status mapping and the verbose_json segments exact for every compatible server
 * (OpenAI, Groq, whisper.cpp's and faster-whisper's servers).
 *
 * <p>Failures: 408, 409, 429, 5xx, timeouts and dropped connections are {@linkplain
 * TranscriptionException#retryable() retryable}; other statuses (a bad key, an unknown model, a file too large) are
 * not. Thread-safe.
 */
public final class OpenAiTranscriber implements Transcriber {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TranscriptionSettings settings;
    private final HttpClient client;

    public OpenAiTranscriber(TranscriptionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public long maxUploadBytes() {
        return settings.maxUploadBytes();
    }

    @Override
    public List<Segment> transcribe(Path audio) {
        String boundary = "verity-" + UUID.randomUUID();
        byte[] body;
        try {
            body = multipart(boundary, audio);
        } catch (IOException e) {
            throw new TranscriptionException("cannot read the audio piece " + audio + ": " + e.getMessage(), false, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TranscriptionException(
                    "the transcription service at " + settings.endpoint() + " did not answer within "
                            + settings.timeout().toSeconds() + " s",
                    true,
                    e);
        } catch (IOException e) {
            throw new TranscriptionException(
                    "cannot reach the transcription service at " + settings.endpoint() + ": "
                            + e.getClass().getSimpleName() + " " + e.getMessage(),
                    true,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionException("interrupted while transcribing", true, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new TranscriptionException(
                    "the transcription service at " + settings.endpoint() + " answered HTTP " + status
                            + errorMessage(response.body()),
                    isRetryable(status),
                    null);
        }
        return segments(response.body());
    }

    /** Whether a status is worth trying again later: the table the tests check. */
    static boolean isRetryable(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    private byte[] multipart(String boundary, Path audio) throws IOException {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 1024, Files.size(audio) + 1024));
        field(out, boundary, "model", settings.model());
        field(out, boundary, "response_format", "verbose_json");
        field(out, boundary, "timestamp_granularities[]", "segment");
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + audio.getFileName() + "\"\r\nContent-Type: audio/wav\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(Files.readAllBytes(audio));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private List<Segment> segments(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new TranscriptionException(
                    "the transcription service at " + settings.endpoint() + " answered something that is not JSON",
                    false,
                    e);
        }
        List<Segment> segments = new ArrayList<>();
        JsonNode list = root.path("segments");
        if (list.isArray() && !list.isEmpty()) {
            for (JsonNode s : list) {
                double start = Math.max(0, s.path("start").asDouble(0));
                double end = Math.max(start, s.path("end").asDouble(start));
                segments.add(new Segment(
                        seconds(start),
                        seconds(end),
                        s.path("text").asString("").strip()));
            }
        } else if (!root.path("text").asString("").isBlank()) {
            // a server that ignores verbose_json: the text, placed at the start of the piece
            double duration = Math.max(0, root.path("duration").asDouble(0));
            segments.add(new Segment(
                    Duration.ZERO,
                    seconds(duration),
                    root.path("text").asString().strip()));
        }
        return segments;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static String errorMessage(String body) {
        try {
            String message = JSON.readTree(body).path("error").path("message").asString("");
            return message.isBlank() ? "" : ": " + message;
        } catch (JacksonException notJson) {
            return "";
        }
    }
}
