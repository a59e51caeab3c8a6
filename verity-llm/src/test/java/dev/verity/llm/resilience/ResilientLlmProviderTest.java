package dev.verity.llm.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.observability.RecordingTracer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The retry, circuit, bulkhead and timeout policy, against an in-process provider that misbehaves on cue. */
class ResilientLlmProviderTest {
    private static final ChatRequest REQUEST =
            new ChatRequest("m", List.of(ChatMessage.user("hi")), Optional.empty(), 10, 0);
    private static final ChatResponse OK = new ChatResponse("hello", "m", TokenUsage.NONE, "stop");

    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    /** Each call runs the next behaviour of the script (the last one repeats). */
    private static final class Scripted implements LlmProvider {
        final List<Function<Consumer<String>, ChatResponse>> script = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        Scripted then(Function<Consumer<String>, ChatResponse> behaviour) {
            script.add(behaviour);
            return this;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return stream(request, d -> {});
        }

        @Override
        public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
            int n = calls.getAndIncrement();
            return script.get(Math.min(n, script.size() - 1)).apply(onDelta);
        }
    }

    private static Function<Consumer<String>, ChatResponse> failing(Kind kind, Duration retryAfter) {
        return d -> {
            throw new ProviderException(kind, "fake", 0, Optional.ofNullable(retryAfter), "scripted", null);
        };
    }

    private static Function<Consumer<String>, ChatResponse> ok() {
        return d -> {
            d.accept("hel");
            d.accept("lo");
            return OK;
        };
    }

    private ResilientLlmProvider resilient(Scripted provider, ResilienceSettings settings) {
        return new ResilientLlmProvider(provider, settings, slept::add);
    }

    private static ResilienceSettings settings() {
        return ResilienceSettings.defaults();
    }

    @Test
    void retriesRetriableFailuresWithGrowingJitteredBackoffUntilOneSucceeds() {
        Scripted provider = new Scripted()
                .then(failing(Kind.SERVER_ERROR, null))
                .then(failing(Kind.CONNECTION, null))
                .then(ok());

        assertThat(resilient(provider, settings()).chat(REQUEST)).isEqualTo(OK);

        assertThat(provider.calls).hasValue(3);
        // 250 ms then 500 ms, each within ±50 % jitter
        assertThat(slept).hasSize(2);
        assertThat(slept.get(0).toMillis()).isBetween(125L, 375L);
        assertThat(slept.get(1).toMillis()).isBetween(250L, 750L);
    }

    @Test
    void eachAttemptIsAnLlmCallSpanWithItsResultAndTheWaitsAreOutsideThem() {
        Scripted provider = new Scripted()
                .then(failing(Kind.SERVER_ERROR, null))
                .then(failing(Kind.RATE_LIMITED, null))
                .then(ok());
        RecordingTracer tracer = new RecordingTracer();

        resilient(provider, settings()).chat(REQUEST.withTracer(tracer));

        List<RecordingTracer.RecordedSpan> calls = tracer.spans();
        assertThat(calls).extracting(RecordingTracer.RecordedSpan::name).containsOnly("llm_call");
        assertThat(calls)
                .extracting(
                        s -> s.attributes().get("verity.attempt"),
                        s -> s.attributes().get("verity.result"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "server_error"),
                        org.assertj.core.groups.Tuple.tuple(2L, "rate_limited"),
                        org.assertj.core.groups.Tuple.tuple(3L, "ok"));
        assertThat(calls.getFirst().attributes())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "fake")
                .containsEntry("gen_ai.request.model", "m")
                .containsEntry("error.type", "server_error");
        assertThat(calls.getLast().attributes())
                .containsEntry("gen_ai.response.model", "m")
                .containsEntry("gen_ai.response.finish_reasons", "stop")
                .containsEntry("gen_ai.usage.input_tokens", 0L)
                .doesNotContainKey("error.type");
        assertThat(calls).allSatisfy(s -> assertThat(s.parent()).isEmpty());
        assertThat(REQUEST.withTracer(tracer))
                .as("the tracer is not part of the request")
                .isEqualTo(REQUEST);
    }

    @Test
    void aCallTheOpenCircuitRefusesIsAnAttemptSpanThatSaysSo() {
        Scripted provider = new Scripted().then(failing(Kind.SERVER_ERROR, null));
        ResilientLlmProvider resilient = resilient(provider, settings());
        for (int i = 0; i < 10 && resilient.circuitState("m") != CircuitBreaker.State.OPEN; i++) {
            assertThatThrownBy(() -> resilient.chat(REQUEST)).isInstanceOf(ProviderException.class);
        }
        RecordingTracer tracer = new RecordingTracer();

        assertThatThrownBy(() -> resilient.chat(REQUEST.withTracer(tracer))).isInstanceOf(ProviderException.class);

        assertThat(tracer.spans())
                .singleElement()
                .satisfies(s -> assertThat(s.attributes())
                        .containsEntry("verity.attempt", 1L)
                        .containsEntry("verity.result", "circuit_open"));
    }

    @Test
    void honoursRetryAfterInsteadOfItsOwnBackoff() {
        Scripted provider = new Scripted()
                .then(failing(Kind.RATE_LIMITED, Duration.ofSeconds(2)))
                .then(ok());

        resilient(provider, settings()).chat(REQUEST);

        assertThat(slept).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void failsAtOnceWhenRetryAfterIsLongerThanItMayWait() {
        Scripted provider = new Scripted().then(failing(Kind.RATE_LIMITED, Duration.ofMinutes(5)));

        assertThatThrownBy(() -> resilient(provider, settings()).chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        assertThat(provider.calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void neverRetriesAFailureThatRetryingCannotFix() {
        Scripted provider = new Scripted().then(failing(Kind.AUTHENTICATION, null));

        assertThatThrownBy(() -> resilient(provider, settings()).chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
        assertThat(provider.calls).hasValue(1);
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastFailure() {
        Scripted provider = new Scripted().then(failing(Kind.SERVER_ERROR, null));

        assertThatThrownBy(() -> resilient(provider, settings()).chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
        assertThat(provider.calls).hasValue(3);
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndThenFailsFastWithoutCallingTheProvider() {
        Scripted provider = new Scripted().then(failing(Kind.SERVER_ERROR, null));
        ResilienceSettings oneAttempt = new ResilienceSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                1,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Duration.ofSeconds(1),
                3,
                Duration.ofMinutes(1),
                8);
        ResilientLlmProvider resilient = resilient(provider, oneAttempt);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> resilient.chat(REQUEST)).isInstanceOf(ProviderException.class);
        }
        assertThat(resilient.circuitState("m")).isEqualTo(CircuitBreaker.State.OPEN);
        int before = provider.calls.get();

        assertThatThrownBy(() -> resilient.chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN));
        assertThat(provider.calls).hasValue(before);
        assertThat(resilient.circuitState("other-model")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failuresThatSayNothingAboutTheProvidersHealthDoNotOpenTheCircuit() {
        Scripted provider = new Scripted().then(failing(Kind.BAD_REQUEST, null));
        ResilientLlmProvider resilient = resilient(provider, settings());

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> resilient.chat(REQUEST)).isInstanceOf(ProviderException.class);
        }

        assertThat(resilient.circuitState("m")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void cancelsAnAttemptThatOutlivesTheTimeoutAndInterruptsItsThread() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Scripted provider = new Scripted().then(d -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return OK;
        });
        ResilienceSettings quick = settings().withTotalTimeout(Duration.ofMillis(200));
        ResilienceSettings oneAttempt = new ResilienceSettings(
                quick.totalTimeout(),
                quick.firstTokenTimeout(),
                1,
                quick.initialBackoff(),
                quick.maxBackoff(),
                quick.maxRetryAfter(),
                5,
                quick.openDuration(),
                8);

        assertThatThrownBy(() -> resilient(provider, oneAttempt).chat(REQUEST))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("no complete reply within 200 ms");
                });
        assertThat(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theTimeoutBoundsTheWholeCallSoAHangingProviderIsNotTriedAgain() {
        Scripted provider = new Scripted().then(d -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        });
        // three attempts allowed, but the first one uses up the call's 200 ms
        ResilienceSettings quick = settings().withTotalTimeout(Duration.ofMillis(200));

        assertThatThrownBy(() -> resilient(provider, quick).chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(provider.calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void doesNotWaitForARetryThatCouldNotStartBeforeTheTimeout() {
        Scripted provider = new Scripted()
                .then(failing(Kind.RATE_LIMITED, Duration.ofSeconds(2)))
                .then(ok());
        // Retry-After 2 s is within maxRetryAfter (10 s) but not within the call's 1 s
        ResilienceSettings oneSecond = settings().withTotalTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> resilient(provider, oneSecond).chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        assertThat(provider.calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void aStreamWithoutAFirstTokenInTimeFailsAsATimeout() {
        Scripted provider = new Scripted().then(d -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        });
        ResilienceSettings s = new ResilienceSettings(
                Duration.ofSeconds(30),
                Duration.ofMillis(150),
                1,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Duration.ofSeconds(1),
                5,
                Duration.ofMinutes(1),
                8);

        assertThatThrownBy(() -> resilient(provider, s).stream(REQUEST, d -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.class,
                        e -> assertThat(e.getMessage()).contains("no text within the first-token timeout of 150 ms"));
    }

    @Test
    void relaysStreamedTextAndNeverRetriesAStreamThatAlreadyDeliveredSome() {
        Scripted provider = new Scripted()
                .then(d -> {
                    d.accept("partial ");
                    throw new ProviderException(Kind.CONNECTION, "fake", "reset mid-stream");
                })
                .then(ok());
        List<String> received = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> resilient(provider, settings()).stream(REQUEST, received::add))
                .isInstanceOf(ProviderException.class);
        assertThat(received).containsExactly("partial ");
        assertThat(provider.calls).hasValue(1);

        List<String> second = new CopyOnWriteArrayList<>();
        assertThat(resilient(provider, settings()).stream(REQUEST, second::add)).isEqualTo(OK);
        assertThat(second).containsExactly("hel", "lo");
    }

    @Test
    void refusesCallsBeyondTheBulkheadInsteadOfQueueingThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Scripted provider = new Scripted().then(d -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        });
        ResilienceSettings one = new ResilienceSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                1,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Duration.ofSeconds(1),
                5,
                Duration.ofMinutes(1),
                1);
        ResilientLlmProvider resilient = resilient(provider, one);
        Thread first = Thread.ofVirtual().start(() -> resilient.chat(REQUEST));
        started.await();

        assertThatThrownBy(() -> resilient.chat(REQUEST))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OVERLOADED));
        release.countDown();
        first.join();
    }
}
