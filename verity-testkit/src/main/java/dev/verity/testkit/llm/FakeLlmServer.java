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
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
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
 * <p>The OpenAI, Azure OpenAI and Ollama fakes also answer their embeddings endpoints ({@code /v1/embeddings},
 * {@code /openai/deployments/{deployment}/embeddings}, {@code /api/embed}) with deterministic vectors derived from the
 * words of each text ({@link FakeResponse#embeddings()}), with the same failures and recording; Gemini's and
 * Anthropic's serve none. Embedding calls have their own sequence:
 *
 * <pre>{@code
 * fake.respondToEmbeddingsInSequence(FakeResponse.status(429).retryAfter("0"), FakeResponse.embeddings());
 * assertThat(fake.embeddingCallCount()).isEqualTo(2);
 * }</pre>
 *
 * Every fake lists its model at the free request clients warm up with: {@code GET /v1/models} (OpenAI, Anthropic),
 * {@code /openai/models} (Azure), {@code /v1beta/models} (Gemini), {@code /api/tags} (Ollama: none listed).
 *
 * <p>Requests without the right credential get the provider's own authentication error (401; Gemini: 403 for a missing
 * key, 400 {@code API_KEY_INVALID} for a wrong one); Anthropic also requires {@code anthropic-version}. Ollama needs
 * no key. Thread-safe; start one per test class and {@link #reset()} it between tests, as starting costs ~100 ms.
 */
public final class FakeLlmServer implements AutoCloseable {
    /** The key every fake accepts. */
    public static final String API_KEY = "test-key";

    /** The size of the vectors embedding calls get when the request names none. */
    public static final int DEFAULT_EMBEDDING_DIMENSION = 256;

    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    private final LlmProtocol protocol;
    private final Wire wire;
    private final WireMockServer server;
    private final List<StubMapping> chatStubs = new ArrayList<>();
    private final List<StubMapping> embeddingStubs = new ArrayList<>();

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
                .extensions(new StallTransformer(), new EmbeddingTransformer(wire)));
        server.start();
        for (MappingBuilder auth : wire.authFailures(API_KEY)) {
            server.stubFor(auth);
        }
        for (MappingBuilder auth : wire.embeddingAuthFailures(API_KEY)) {
            server.stubFor(auth);
        }
        wire.modelList().ifPresent(server::stubFor);
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
        List<FakeResponse> sequence = sequence(
                responses,
                FakeResponse.Type.EMBEDDINGS,
                "chat calls answer with a reply"
                        + " or a failure; FakeResponse.embeddings() is for respondToEmbeddingsWith");
        List<MappingBuilder> stubs = new ArrayList<>();
        String scenario = "chat-" + SCENARIOS.incrementAndGet();
        for (int i = 0; i < sequence.size(); i++) {
            for (Wire.Route route : wire.routes()) {
                stubs.add(step(
                        route.request()
                                .atPriority(route.priority())
                                .willReturn(render(sequence.get(i), route.variant())),
                        scenario,
                        i,
                        sequence.size()));
            }
        }
        replace(chatStubs, stubs);
        return this;
    }

    /** Every embedding call from now on gets this response (see {@link FakeResponse#embeddings()}). */
    public FakeLlmServer respondToEmbeddingsWith(FakeResponse response) {
        return respondToEmbeddingsInSequence(response);
    }

    /**
     * The first embedding call gets the first response, the second the second, and so on; calls after the last get
     * the last. Calls refused for a bad credential do not advance the sequence. Chat calls are not affected.
     *
     * @throws UnsupportedOperationException for a protocol whose fake serves no embeddings (Anthropic, Gemini)
     */
    public synchronized FakeLlmServer respondToEmbeddingsInSequence(FakeResponse... responses) {
        List<FakeResponse> sequence = sequence(
                responses,
                FakeResponse.Type.REPLY,
                "embedding calls answer with" + " FakeResponse.embeddings() or a failure, not a chat reply");
        if (wire.embeddingRoute().isEmpty()) {
            throw new UnsupportedOperationException("the fake " + protocol + " server serves no embeddings");
        }
        List<MappingBuilder> stubs = new ArrayList<>();
        String scenario = "embeddings-" + SCENARIOS.incrementAndGet();
        for (int i = 0; i < sequence.size(); i++) {
            stubs.add(step(
                    wire.embeddingRoute()
                            .orElseThrow()
                            .atPriority(5)
                            .willReturn(render(sequence.get(i), Wire.Variant.JSON)),
                    scenario,
                    i,
                    sequence.size()));
        }
        replace(embeddingStubs, stubs);
        return this;
    }

    private static List<FakeResponse> sequence(FakeResponse[] responses, FakeResponse.Type refused, String why) {
        if (responses.length == 0) {
            throw new IllegalArgumentException("responses must not be empty");
        }
        for (int i = 0; i < responses.length; i++) {
            if (Objects.requireNonNull(responses[i], "responses[" + i + "]").type == refused) {
                throw new IllegalArgumentException(why + ", got " + responses[i]);
            }
        }
        return List.of(responses);
    }

    /** Step {@code i} of {@code n} of a scenario; a single response needs none. */
    private static MappingBuilder step(MappingBuilder stub, String scenario, int i, int n) {
        if (n == 1) {
            return stub;
        }
        ScenarioMappingBuilder step = stub.inScenario(scenario).whenScenarioStateIs(state(i));
        return i < n - 1 ? step.willSetStateTo(state(i + 1)) : step;
    }

    /** Swaps one group of stubs for another, leaving the others (credentials, the other kind of call) in place. */
    private void replace(List<StubMapping> group, List<MappingBuilder> stubs) {
        for (StubMapping old : group) {
            server.removeStub(old);
        }
        group.clear();
        for (MappingBuilder stub : stubs) {
            group.add(server.stubFor(stub));
        }
    }

    private static String state(int step) {
        return step == 0 ? Scenario.STARTED : "step-" + (step + 1);
    }

    private ResponseDefinitionBuilder render(FakeResponse r, Wire.Variant variant) {
        boolean streaming = variant != Wire.Variant.JSON;
        ResponseDefinitionBuilder b = aResponse();
        switch (r.type) {
            case REPLY -> {
                b.withStatus(200).withHeader("Content-Type", streaming ? wire.streamContentType() : "application/json");
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
            case EMBEDDINGS ->
                b.withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers(EmbeddingTransformer.NAME)
                        .withTransformerParameter(EmbeddingTransformer.DIMENSION, r.embeddingDimension)
                        .withTransformerParameter(EmbeddingTransformer.REVERSED, r.embeddingsReversed);
            case STATUS -> {
                b.withStatus(r.status)
                        .withStatusMessage(Wire.httpReason(r.status))
                        .withHeader("Content-Type", "application/json")
                        .withBody(wire.errorBody(r));
                r.retryAfter.ifPresent(value -> b.withHeader("Retry-After", value));
            }
            case CONNECTION_RESET -> b.withFault(Fault.CONNECTION_RESET_BY_PEER);
            case MALFORMED ->
                b.withStatus(200)
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

    /** How many requests reached the server, chat and embedding calls alike: with retries off, one per call. */
    public int callCount() {
        return server.getAllServeEvents().size();
    }

    /** The embedding calls among {@link #requests()}, oldest first. */
    public List<RecordedRequest> embeddingRequests() {
        return requests().stream().filter(r -> wire.isEmbeddingCall(r.path())).toList();
    }

    /** How many embedding calls reached the server: one per batch and attempt. */
    public int embeddingCallCount() {
        return embeddingRequests().size();
    }

    /** The most recent request; fails when there was none. */
    public RecordedRequest lastRequest() {
        List<ServeEvent> events = server.getAllServeEvents();
        if (events.isEmpty()) {
            throw new IllegalStateException("no request reached the fake " + protocol + " server");
        }
        return record(events.getFirst().getRequest());
    }

    /**
     * Forgets recorded requests and goes back to the default reply ({@code "Hello from the fake."}) and, where the
     * protocol has them, the default embeddings.
     */
    public synchronized FakeLlmServer reset() {
        server.resetRequests();
        if (wire.embeddingRoute().isPresent()) {
            respondToEmbeddingsWith(FakeResponse.embeddings());
        }
        return respondWith(FakeResponse.reply("Hello from the fake."));
    }

    private static RecordedRequest record(LoggedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.computeIfAbsent(header.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(header.values());
        }
        byte[] body = request.getBody();
        return new RecordedRequest(
                request.getMethod().getName(),
                request.getUrl(),
                headers,
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
