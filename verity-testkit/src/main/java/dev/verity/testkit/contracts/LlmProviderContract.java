package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import dev.verity.testkit.llm.HangingServer;
import dev.verity.testkit.llm.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link LlmProvider} must do, proved against a fake that speaks the provider's real HTTP protocol through
 * the real client stack: replies, streams, structured output where the provider has it, every failure mapped to the
 * right {@link Kind} with no hidden retry, timeouts, and cancellation. A subclass says how to build its provider for a
 * base URL and read timeout, names its fake and says where its protocol puts the model, the messages and the schema.
 * Implementations: {@code SpringAiLlmProvider} for each provider kind (verity-llm, through
 * {@code SpringAiLlmProviderContract}). {@code ResilientLlmProvider} retries by design and has its own tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
public abstract class LlmProviderContract {
    protected static final String MODEL = "fake-model-001";
    protected static final String SYSTEM = "Answer only from the sources.";
    protected static final String USER = "How many days of leave do staff get?";
    protected static final String SCHEMA = """
            {"type":"object","properties":{"answer":{"type":"string"},"confidence":{"type":"number"}},\
            "required":["answer","confidence"],"additionalProperties":false}""";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /** Short enough to keep the suite fast, long enough for a loaded two-core machine to answer in. */
    protected static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(700);

    protected FakeLlmServer fake;
    protected LlmProvider provider;

    protected abstract FakeLlmServer startFake();

    /** What {@link LlmProvider#name()} returns and failures name as their provider, e.g. {@code openai}. */
    protected abstract String providerName();

    /**
     * A provider of the kind under test for the server at {@code baseUrl}, with the fake's key, model {@link #MODEL},
     * and this read timeout. The contract closes it when it is {@link AutoCloseable}.
     */
    protected abstract LlmProvider createProvider(String baseUrl, Duration readTimeout);

    /** The read timeout of {@link #provider}: long enough for a loaded machine. */
    protected static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** The model the request named (in the body, or the path for Azure and Gemini). */
    protected abstract String sentModel(RecordedRequest request, JsonNode body);

    protected abstract String sentSystemText(JsonNode body);

    protected abstract String sentUserText(JsonNode body);

    /** The JSON schema sent as native structured output, or empty when the protocol has none (Anthropic). */
    protected abstract Optional<JsonNode> sentSchema(JsonNode body);

    /** The schema as the provider receives it: {@link #SCHEMA}, unless the stack rewrites it. */
    protected JsonNode expectedSchema() {
        return JSON.readTree(SCHEMA);
    }

    /** The status this provider answers with when overloaded: 529 for Anthropic, 503 elsewhere. */
    protected int overloadedStatus() {
        return 503;
    }

    /** Whether the protocol can leave token usage out of a reply. */
    protected boolean canOmitUsage() {
        return true;
    }

    /**
     * How many of the deltas sent before a stall reach the caller: all of them, except where the stack reads events
     * ahead before handing one over (Gemini).
     */
    protected int deltasDeliveredBeforeAStall(int sent) {
        return sent;
    }

    /**
     * Content type and opening bytes of a stream whose first delta is {@code "Hel"}, followed by more deltas where
     * the stack reads ahead before handing one over.
     */
    protected abstract String streamContentType();

    protected abstract String streamOpeningWithDeltaHel();

    /** The base URL a client needs for a server at {@code root} (OpenAI's includes {@code /v1}). */
    protected String baseUrlAt(String root) {
        return root;
    }

    @BeforeAll
    void startServer() {
        fake = startFake();
        provider = createProvider(fake.baseUrl(), READ_TIMEOUT);
    }

    @AfterAll
    void stopServer() throws Exception {
        closeIfCloseable(provider);
        fake.close();
    }

    private static void closeIfCloseable(LlmProvider provider) throws Exception {
        if (provider instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    protected static ChatRequest request(Optional<String> schema) {
        return new ChatRequest(MODEL, List.of(ChatMessage.system(SYSTEM), ChatMessage.user(USER)), schema, 300, 0.0);
    }

    protected static ChatRequest request() {
        return request(Optional.empty());
    }

    protected static JsonNode body(RecordedRequest request) {
        return JSON.readTree(request.body());
    }

    // --- replies ---

    @Test
    void isNamedAfterItsKind() {
        assertThat(provider.name()).isEqualTo(providerName());
    }

    @Test
    void chatReturnsTheTextModelUsageAndFinishReasonTheProviderReported() {
        fake.respondWith(FakeResponse.reply("Staff get 25 days.")
                .model("fake-model-2025-01-01")
                .usage(42, 7));

        ChatResponse reply = provider.chat(request());

        assertThat(reply.text()).isEqualTo("Staff get 25 days.");
        assertThat(reply.model()).isEqualTo("fake-model-2025-01-01");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(42, 7, true));
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.truncated()).isFalse();
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void chatSendsTheModelAndTheSystemAndUserMessages() {
        provider.chat(request());

        RecordedRequest sent = fake.lastRequest();
        JsonNode body = body(sent);
        assertThat(sentModel(sent, body)).isEqualTo(MODEL);
        assertThat(sentSystemText(body)).isEqualTo(SYSTEM);
        assertThat(sentUserText(body)).isEqualTo(USER);
    }

    @Test
    void chatSendsTheResponseSchemaAsNativeStructuredOutputWhereTheProviderHasIt() {
        fake.respondWith(FakeResponse.reply("{\"answer\":\"25 days\",\"confidence\":0.9}"));

        ChatResponse reply = provider.chat(request(Optional.of(SCHEMA)));

        assertThat(reply.text()).isEqualTo("{\"answer\":\"25 days\",\"confidence\":0.9}");
        sentSchema(body(fake.lastRequest()))
                .ifPresent(schema -> assertThat(schema).isEqualTo(expectedSchema()));
    }

    @Test
    void aReplyCutOffByTheOutputLimitIsMarkedTruncated() {
        fake.respondWith(FakeResponse.reply("Staff get").truncated());

        ChatResponse reply = provider.chat(request());

        assertThat(reply.finishReason()).isEqualTo("length");
        assertThat(reply.truncated()).isTrue();
    }

    @Test
    void usageTheProviderDidNotReportIsEstimatedFromCharacters() {
        org.junit.jupiter.api.Assumptions.assumeTrue(canOmitUsage(), "this protocol always reports usage");
        fake.respondWith(FakeResponse.reply("Twenty-five days.").withoutUsage());

        ChatResponse reply = provider.chat(request());

        // 29 + 36 characters sent: ceil(65 / 4) = 17; 17 characters received: ceil(17 / 4) = 5.
        assertThat(reply.usage()).isEqualTo(new TokenUsage(17, 5, false));
    }

    // --- streams ---

    @Test
    void streamDeliversEveryDeltaInOrderAndReturnsTheSameText() {
        fake.respondWith(
                FakeResponse.deltas("Staff", " get", " 25", " days", ".").usage(42, 5));
        List<String> deltas = new CopyOnWriteArrayList<>();

        ChatResponse reply = provider.stream(request(), deltas::add);

        assertThat(deltas).containsExactly("Staff", " get", " 25", " days", ".");
        assertThat(reply.text()).isEqualTo("Staff get 25 days.");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(42, 5, true));
        assertThat(reply.model()).isEqualTo(FakeResponse.DEFAULT_MODEL);
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void streamSendsTheSameRequestAsChat() {
        provider.stream(request(Optional.of(SCHEMA)), delta -> {});

        RecordedRequest sent = fake.lastRequest();
        JsonNode body = body(sent);
        assertThat(sentModel(sent, body)).isEqualTo(MODEL);
        assertThat(sentSystemText(body)).isEqualTo(SYSTEM);
        assertThat(sentUserText(body)).isEqualTo(USER);
        sentSchema(body).ifPresent(schema -> assertThat(schema).isEqualTo(expectedSchema()));
        assertThat(sent.headers()).doesNotContainKey("x-verity-call");
    }

    // --- failures: one call, the right kind ---

    @Test
    void rateLimitIsRetriableAfterTheWaitTheProviderAskedFor() {
        fake.respondWith(FakeResponse.status(429).retryAfter("7"));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.provider()).isEqualTo(providerName());
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetriableButNotRetriedHere() {
        fake.respondWith(FakeResponse.status(500));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void overloadedProviderIsRetriable() {
        fake.respondWith(FakeResponse.status(overloadedStatus()));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(e.httpStatus()).isEqualTo(overloadedStatus());
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedIsAnAuthenticationFailureThatNoRetryFixes() {
        fake.respondWith(FakeResponse.status(401));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.retriable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void connectionResetIsAConnectionFailure() {
        fake.respondWith(FakeResponse.connectionReset());

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(e.httpStatus()).isZero();
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void malformedBodyIsAnInvalidResponse() {
        fake.respondWith(FakeResponse.malformedBody());

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.chat(request()));

        assertThat(e.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(e.retriable()).isFalse();
        assertThat(fake.callCount()).isEqualTo(1);
    }

    @Test
    void aRefusedProviderIsAConnectionFailure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String base = fake.baseUrl().replace(":" + fake.port(), ":" + closedPort);
        LlmProvider refused = createProvider(base, READ_TIMEOUT);
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> refused.chat(request()));

            assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
        } finally {
            closeIfCloseable(refused);
        }
    }

    @Test
    void aFailedCallIsNotRetriedAndTheNextCallSucceeds() {
        fake.respondInSequence(FakeResponse.status(503), FakeResponse.reply("Recovered."));

        assertThatThrownBy(() -> provider.chat(request())).isInstanceOf(ProviderException.class);
        assertThat(fake.callCount()).isEqualTo(1);

        assertThat(provider.chat(request()).text()).isEqualTo("Recovered.");
        assertThat(fake.callCount()).isEqualTo(2);
    }

    @Test
    void streamFailuresMapLikeChatFailures() {
        fake.respondWith(FakeResponse.status(429).retryAfter("3"));
        ProviderException limited =
                catchThrowableOfType(ProviderException.class, () -> provider.stream(request(), delta -> {}));
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));

        fake.respondWith(FakeResponse.connectionReset());
        ProviderException reset =
                catchThrowableOfType(ProviderException.class, () -> provider.stream(request(), delta -> {}));
        assertThat(reset.kind()).isEqualTo(Kind.CONNECTION);

        fake.respondWith(FakeResponse.malformedBody());
        ProviderException malformed =
                catchThrowableOfType(ProviderException.class, () -> provider.stream(request(), delta -> {}));
        assertThat(malformed.kind()).isEqualTo(Kind.INVALID_RESPONSE);

        assertThat(fake.callCount()).isEqualTo(3);
    }

    // --- time ---

    @Test
    void aSlowFirstByteBeyondTheReadTimeoutFailsAsTimeoutWithinAboutTheTimeout() throws Exception {
        fake.respondWith(FakeResponse.reply("Too late.").firstByteDelay(Duration.ofSeconds(3)));
        LlmProvider impatient = createProvider(fake.baseUrl(), SHORT_READ_TIMEOUT);
        try {
            long start = System.nanoTime();
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> impatient.chat(request()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(took).isBetween(SHORT_READ_TIMEOUT.minusMillis(100), SHORT_READ_TIMEOUT.plusMillis(1500));
            assertThat(fake.callCount()).isEqualTo(1);
        } finally {
            closeIfCloseable(impatient);
        }
    }

    @Test
    void aStreamThatStallsBeyondTheReadTimeoutFailsAsTimeoutAfterTheDeltasSoFar() throws Exception {
        fake.respondWith(FakeResponse.deltas("Staff", " get", " 25", " days.").stallAfter(3, Duration.ofSeconds(3)));
        List<String> deltas = new CopyOnWriteArrayList<>();
        LlmProvider impatient = createProvider(fake.baseUrl(), SHORT_READ_TIMEOUT);
        try {
            long start = System.nanoTime();
            ProviderException e =
                    catchThrowableOfType(ProviderException.class, () -> impatient.stream(request(), deltas::add));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(deltas)
                    .containsExactlyElementsOf(
                            List.of("Staff", " get", " 25").subList(0, deltasDeliveredBeforeAStall(3)));
            assertThat(took).isBetween(SHORT_READ_TIMEOUT.minusMillis(100), SHORT_READ_TIMEOUT.plusMillis(1500));
        } finally {
            closeIfCloseable(impatient);
        }
    }

    @Test
    void interruptingAStreamStopsItAtOnceAndClosesItsConnection() throws Exception {
        try (HangingServer hanging = new HangingServer(streamContentType(), streamOpeningWithDeltaHel())) {
            LlmProvider patient = createProvider(baseUrlAt(hanging.baseUrl()), READ_TIMEOUT);
            try {
                List<String> deltas = new CopyOnWriteArrayList<>();
                CountDownLatch firstDelta = new CountDownLatch(1);
                AtomicReference<Throwable> outcome = new AtomicReference<>();
                AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
                Thread caller = Thread.ofPlatform().name("stream-caller").start(() -> {
                    try {
                        patient.stream(request(), delta -> {
                            deltas.add(delta);
                            firstDelta.countDown();
                        });
                    } catch (Throwable t) {
                        outcome.set(t);
                        stillInterrupted.set(Thread.currentThread().isInterrupted());
                    }
                });
                assertThat(firstDelta.await(10, TimeUnit.SECONDS))
                        .as("first delta arrived")
                        .isTrue();

                long interruptedAt = System.nanoTime();
                caller.interrupt();
                caller.join(Duration.ofSeconds(2));

                assertThat(caller.isAlive())
                        .as("stream still running after the interrupt")
                        .isFalse();
                assertThat(outcome.get()).isInstanceOf(CancellationException.class);
                assertThat(stillInterrupted.get()).isTrue();
                assertThat(deltas).first().isEqualTo("Hel");
                int delivered = deltas.size();
                long hungUpAt = hanging.hungUp().get(3, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(hungUpAt - interruptedAt)).isLessThan(Duration.ofSeconds(2));
                assertThat(deltas).as("deltas after the interrupt").hasSize(delivered);
            } finally {
                closeIfCloseable(patient);
            }
        }
        // The provider is still fine for the next call.
        assertThat(provider.chat(request()).text()).isEqualTo("Hello from the fake.");
    }
}
