package dev.verity.testkit.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM provider on a free local port that speaks the real HTTP protocol of OpenAI, Azure OpenAI, Anthropic, Gemini
 * or Ollama (WireMock, in process), so that clients are tested through their real SDKs: JSON and streamed replies with
 * token usage, HTTP errors in the provider's format, dropped connections, slow and stalling responses, and sequences
 * (fail first, then succeed). It records every request so a test can count the calls that reached it (no hidden
 * retries) and read what was sent.
 *
 * <pre>{@code
 * try (FakeLlmServer fake = FakeLlmServer.openAi()) {
 *     fake.respondWith(FakeResponse.reply("Paris.").usage(12, 2));
 *     // point the client at fake.baseUrl() with fake.apiKey(), call it, then:
 *     assertThat(fake.callCount()).isEqualTo(1);
 *     assertThat(fake.lastRequest().body()).contains("\"response_format\"");
 * }
 * }</pre>
 *
 * Requests without the right credential get the provider's own authentication error (401; Gemini: 403 for a missing
 * key, 400 {@code API_KEY_INVALID} for a wrong one); Anthropic also requires {@code anthropic-version}. Ollama needs
 * no key. Thread-safe; start one per test class and {@link #reset()} it between tests, as starting costs ~100 ms.
 */
public final class FakeLlmServer implements AutoCloseable {
    /** The key every fake accepts. */
    public static final String API_KEY = "test-key";

    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    private final LlmProtocol protocol;
    private final Wire wire;
    private final WireMockServer server;

    private FakeLlmServer(LlmProtocol protocol) {
        this.protocol = protocol;
        this.wire = switch (protocol) {
            case OPENAI -> new OpenAiWire(false);
            case AZURE_OPENAI -> new OpenAiWire(true);
            case ANTHROPIC -> new AnthropicWire();
            case GEMINI -> new GeminiWire();
            case OLLAMA -> new OllamaWire();
        };
        this.server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                // Streams must leave as they are written, not gzipped and buffered.
                .gzipDisabled(true)
                // The journal keeps only a prefix of each response: a stalling body is read twice otherwise.
                .maxLoggedResponseSize(1024)
                .containerThreads(24)
                .extensions(new StallTransformer()));
        server.start();
        reset();
    }

    /** Starts a fake of this protocol; close it when done. */
    public static FakeLlmServer start(LlmProtocol protocol) {
        return new FakeLlmServer(Objects.requireNonNull(protocol, "protocol"));
    }

    public static FakeLlmServer openAi() {
        return start(LlmProtocol.OPENAI);
    }

    public static FakeLlmServer azureOpenAi() {
        return start(LlmProtocol.AZURE_OPENAI);
    }

    public static FakeLlmServer anthropic() {
        return start(LlmProtocol.ANTHROPIC);
    }

    public static FakeLlmServer gemini() {
        return start(LlmProtocol.GEMINI);
    }

    public static FakeLlmServer ollama() {
        return start(LlmProtocol.OLLAMA);
    }

    public LlmProtocol protocol() {
        return protocol;
    }

    /**
     * The base URL a client is configured with: {@code http://127.0.0.1:<port>/v1} for OpenAI (its SDK appends
     * {@code /chat/completions}), {@code http://127.0.0.1:<port>} for the others (their SDKs add the rest).
     */
    public String baseUrl() {
        String root = "http://127.0.0.1:" + server.port();
        return protocol == LlmProtocol.OPENAI ? root + "/v1" : root;
    }

    public int port() {
        return server.port();
    }

    /** The credential this fake accepts ({@link #API_KEY}). */
    public String apiKey() {
        return API_KEY;
    }

    /** Every chat call from now on gets this response, streaming or not. */
    public FakeLlmServer respondWith(FakeResponse response) {
        return respondInSequence(response);
    }

    /** Every chat call from now on gets a reply with this text (see {@link FakeResponse#reply(String)}). */
    public FakeLlmServer replyWith(String text) {
        return respondWith(FakeResponse.reply(text));
    }

    /**
     * The first chat call gets the first response, the second the second, and so on; calls after the last get the
     * last. Calls refused for a bad credential do not advance the sequence.
     */
    public synchronized FakeLlmServer respondInSequence(FakeResponse... responses) {
        if (responses.length == 0) {
            throw new IllegalArgumentException("responses must not be empty");
        }
        server.resetMappings();
        server.resetScenarios();
        for (MappingBuilder auth : wire.authFailures(API_KEY)) {
            server.stubFor(auth);
        }
        String scenario = "sequence-" + SCENARIOS.incrementAndGet();
        for (int i = 0; i < responses.length; i++) {
            FakeResponse response = Objects.requireNonNull(responses[i], "responses[" + i + "]");
            for (Wire.Route route : wire.routes()) {
                MappingBuilder stub = route.request().atPriority(route.priority())
                        .willReturn(render(response, route.variant()));
                if (responses.length > 1) {
                    ScenarioMappingBuilder step = stub.inScenario(scenario).whenScenarioStateIs(state(i));
                    stub = i < responses.length - 1 ? step.willSetStateTo(state(i + 1)) : step;
                }
                server.stubFor(stub);
            }
        }
        return this;
    }

    private static String state(int step) {
        return step == 0 ? Scenario.STARTED : "step-" + (step + 1);
    }

    private ResponseDefinitionBuilder render(FakeResponse r, Wire.Variant variant) {
        boolean streaming = variant != Wire.Variant.JSON;
        ResponseDefinitionBuilder b = aResponse();
        switch (r.type) {
            case REPLY -> {
                b.withStatus(200).withHeader("Content-Type", streaming ? wire.streamContentType()
                        : "application/json");
                if (!streaming) {
                    String json = wire.json(r);
                    b.withBody(json);
                    if (r.stallAfterDeltas >= 0) {
                        stall(b, 1, r, "\n" + " ".repeat(Wire.FLUSH_PADDING_BYTES) + "\n");
                    }
                } else {
                    Wire.Frames frames = wire.stream(r, variant == Wire.Variant.STREAM_WITH_USAGE);
                    b.withBody(frames.body());
                    if (r.stallAfterDeltas >= 0) {
                        stall(b, frames.bytesBeforeDelta(r.stallAfterDeltas), r, wire.padding());
                    }
                }
            }
            case STATUS -> {
                b.withStatus(r.status).withStatusMessage(Wire.httpReason(r.status))
                        .withHeader("Content-Type", "application/json").withBody(wire.errorBody(r));
                r.retryAfter.ifPresent(value -> b.withHeader("Retry-After", value));
            }
            case CONNECTION_RESET -> b.withFault(Fault.CONNECTION_RESET_BY_PEER);
            case MALFORMED -> b.withStatus(200)
                    .withHeader("Content-Type", streaming ? wire.streamContentType() : "application/json")
                    .withBody(streaming ? wire.malformedStream(r) : wire.malformedJson());
        }
        if (r.firstByteDelay.isPositive()) {
            b.withFixedDelay(Math.toIntExact(r.firstByteDelay.toMillis()));
        }
        return b;
    }

    private static void stall(ResponseDefinitionBuilder b, int splitAtByte, FakeResponse r, String padding) {
        b.withTransformers(StallTransformer.NAME)
                .withTransformerParameter(StallTransformer.SPLIT_AT, splitAtByte)
                .withTransformerParameter(StallTransformer.PAUSE_MILLIS, Math.toIntExact(r.stall.toMillis()))
                .withTransformerParameter(StallTransformer.PADDING, padding);
    }

    /** Every request that reached the server, oldest first, including refused and failed ones. */
    public List<RecordedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        List<RecordedRequest> requests = new ArrayList<>(events.size());
        for (ServeEvent event : events) {
            requests.add(record(event.getRequest()));
        }
        return requests;
    }

    /** How many requests reached the server: with retries off, exactly one per call. */
    public int callCount() {
        return server.getAllServeEvents().size();
    }

    /** The most recent request; fails when there was none. */
    public RecordedRequest lastRequest() {
        List<ServeEvent> events = server.getAllServeEvents();
        if (events.isEmpty()) {
            throw new IllegalStateException("no request reached the fake " + protocol + " server");
        }
        return record(events.getFirst().getRequest());
    }

    /** Forgets recorded requests and goes back to the default reply ({@code "Hello from the fake."}). */
    public synchronized FakeLlmServer reset() {
        server.resetRequests();
        return respondWith(FakeResponse.reply("Hello from the fake."));
    }

    private static RecordedRequest record(LoggedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.computeIfAbsent(header.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.values());
        }
        byte[] body = request.getBody();
        return new RecordedRequest(request.getMethod().getName(), request.getUrl(), headers,
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "FakeLlmServer[" + protocol + " at " + baseUrl() + "]";
    }
}
