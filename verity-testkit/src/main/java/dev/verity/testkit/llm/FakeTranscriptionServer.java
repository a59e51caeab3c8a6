package dev.verity.testkit.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible speech-to-text service on a free local port: {@code POST /v1/audio/transcriptions} takes the
 * real {@code multipart/form-data} upload ({@code file}, {@code model}, {@code response_format}) and answers
 * {@code verbose_json} with segments, as OpenAI's Whisper endpoint does. The transcript is the configured sentences
 * spread evenly over the uploaded WAV's duration (read from its header), so a test can check the times a client
 * derives. A wrong key gets OpenAI's 401; a request without a file, a model or with another response format gets 400.
 *
 * <pre>{@code
 * try (FakeTranscriptionServer fake = FakeTranscriptionServer.start("Hello there.", "General Kenobi.")) {
 *     // point the client at fake.baseUrl() with FakeLlmServer.API_KEY
 *     fake.failWith(503);            // every call fails until fake.reset()
 *     fake.delayEachCall(2_000);     // or: answers after two seconds
 * }
 * }</pre>
 */
public final class FakeTranscriptionServer implements AutoCloseable {
    private static final String TRANSFORMER = "verity-transcription";

    private final WireMockServer server;
    private final List<String> sentences = new CopyOnWriteArrayList<>();

    private FakeTranscriptionServer(List<String> transcript) {
        sentences.addAll(transcript);
        server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .gzipDisabled(true)
                .extensions(new Transcribe()));
        server.start();
        reset();
    }

    /** A server that transcribes every upload as these sentences. */
    public static FakeTranscriptionServer start(String... transcript) {
        return new FakeTranscriptionServer(List.of(transcript));
    }

    /** {@code http://127.0.0.1:<port>/v1}: clients append {@code /audio/transcriptions}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Back to answering every call at once with the transcript. */
    public void reset() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions")).willReturn(ok()));
    }

    /** Every later call gets this status with an OpenAI error body. */
    public void failWith(int status) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"fake failure " + status
                                + "\",\"type\":\"server_error\"}}")));
    }

    /** Every later call is answered, correctly, after this many milliseconds. */
    public void delayEachCall(int millis) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions")).willReturn(ok().withFixedDelay(millis)));
    }

    /** The requests received, in order. */
    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/v1/audio/transcriptions")));
    }

    @Override
    public void close() {
        server.stop();
    }

    private static ResponseDefinitionBuilder ok() {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers(TRANSFORMER);
    }

    private final class Transcribe implements ResponseTransformerV2 {
        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public Response transform(Response response, ServeEvent event) {
            Request request = event.getRequest();
            if (!("Bearer " + FakeLlmServer.API_KEY).equals(request.getHeader("Authorization"))) {
                return error(response, 401, "Incorrect API key provided.", "invalid_request_error");
            }
            if (!request.isMultipart() || request.getPart("file") == null) {
                return error(
                        response,
                        400,
                        "No file was uploaded: send multipart/form-data with a 'file' part.",
                        "invalid_request_error");
            }
            Request.Part model = request.getPart("model");
            if (model == null || model.getBody().asString().isBlank()) {
                return error(response, 400, "you must provide a model parameter", "invalid_request_error");
            }
            Request.Part format = request.getPart("response_format");
            if (format == null || !format.getBody().asString().strip().equals("verbose_json")) {
                return error(
                        response, 400, "this fake answers response_format=verbose_json only", "invalid_request_error");
            }
            double duration = wavSeconds(request.getPart("file").getBody().asBytes());
            return Response.Builder.like(response)
                    .but()
                    .body(verboseJson(duration))
                    .build();
        }

        private String verboseJson(double duration) {
            StringBuilder json = new StringBuilder();
            int n = sentences.size();
            json.append(String.format(
                    Locale.ROOT,
                    "{\"task\":\"transcribe\",\"language\":\"english\","
                            + "\"duration\":%.3f,\"text\":\"%s\",\"segments\":[",
                    duration,
                    escape(String.join(" ", sentences))));
            for (int i = 0; i < n; i++) {
                double start = duration * i / n;
                double end = duration * (i + 1) / n;
                json.append(i == 0 ? "" : ",")
                        .append(String.format(
                                Locale.ROOT,
                                "{\"id\":%d,\"seek\":0,\"start\":%.3f,\"end\":%.3f,\"text\":\" %s\",\"tokens\":[],"
                                        + "\"temperature\":0.0,\"avg_logprob\":-0.2,\"compression_ratio\":1.2,"
                                        + "\"no_speech_prob\":0.01}",
                                i,
                                start,
                                end,
                                escape(sentences.get(i))));
            }
            return json.append("]}").toString();
        }

        private Response error(Response response, int status, String message, String type) {
            return Response.Builder.like(response)
                    .but()
                    .status(status)
                    .body("{\"error\":{\"message\":\"" + escape(message) + "\",\"type\":\"" + type
                            + "\",\"param\":null,\"code\":null}}")
                    .build();
        }
    }

    /** The duration of a PCM WAV file from its header: data bytes over the byte rate; 0 when it is no WAV. */
    static double wavSeconds(byte[] wav) {
        if (wav.length < 44 || wav[0] != 'R' || wav[1] != 'I' || wav[2] != 'F' || wav[3] != 'F') {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int byteRate = b.getInt(28);
        int pos = 12;
        while (pos + 8 <= wav.length) {
            int size = b.getInt(pos + 4);
            if (wav[pos] == 'd' && wav[pos + 1] == 'a' && wav[pos + 2] == 't' && wav[pos + 3] == 'a') {
                long bytes = size <= 0 || pos + 8L + size > wav.length ? wav.length - pos - 8L : size;
                return byteRate <= 0 ? 0 : (double) bytes / byteRate;
            }
            pos += 8 + Math.max(0, size) + (size & 1);
        }
        return 0;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
