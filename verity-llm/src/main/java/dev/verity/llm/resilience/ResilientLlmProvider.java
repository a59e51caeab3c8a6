package dev.verity.llm.resilience;

import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.ProviderException.Kind;
import dev.verity.llm.tracing.GenAiSpans;
import dev.verity.observability.ModelCallSpans;
import dev.verity.observability.Tracer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resilience for every model call, in one place (providers never retry on their own). Each attempt is a span
 * {@code llm_call} of the request's {@link ChatRequest#tracer()}, with the GenAI attributes ({@link GenAiSpans}),
 * {@code verity.attempt} (from 1) and {@code verity.result} ({@code ok} or the failure's kind); the waits between
 * attempts are outside them.
 *
 * <ol>
 *   <li>Bulkhead: at most {@code maxConcurrentCalls} in flight per provider; beyond that a call fails at once
 *       ({@code overloaded}) instead of queueing behind a slow provider.
 *   <li>Circuit breaker per provider and model: after {@code failureThreshold} failures among the last calls it opens
 *       and calls fail in microseconds ({@code circuit_open}) without reaching the provider; after
 *       {@code openDuration} a trial call decides whether it closes.
 *   <li>Retry with exponential backoff and jitter, only for retriable failures, honouring {@code Retry-After} up to
 *       {@code maxRetryAfter}; a stream is retried only if it has not delivered text yet (no duplicated tokens).
 *   <li>Timeouts: {@code totalTimeout} bounds the whole call, retries and the waits between them included, so a
 *       caller falls back within the configured time however the provider fails; each attempt gets what is left of
 *       it, and a retry whose wait would use it up is not made. Streams must also deliver their first text within
 *       {@code firstTokenTimeout}. A timed-out attempt is cancelled by interrupting its thread.
 * </ol>
 *
 * Non-retriable failures (bad key, refused request) pass through untouched and do not count against the circuit:
 * they say nothing about the provider's health.
 */
public final class ResilientLlmProvider implements LlmProvider {
    private final LlmProvider delegate;
    private final ResilienceSettings settings;
    private final CircuitBreakerRegistry breakers;
    private final Bulkhead bulkhead;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Sleeper sleeper;

    /** Waits between attempts; replaceable so tests of the retry policy need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public ResilientLlmProvider(LlmProvider delegate, ResilienceSettings settings) {
        this(delegate, settings, d -> Thread.sleep(d.toMillis()));
    }

    public ResilientLlmProvider(LlmProvider delegate, ResilienceSettings settings, Sleeper sleeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(settings.failureThreshold() * 2, 2))
                .minimumNumberOfCalls(settings.failureThreshold())
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof ProviderException p && p.retriable())
                .build());
        this.bulkhead = Bulkhead.of(
                delegate.name(),
                BulkheadConfig.custom()
                        .maxConcurrentCalls(settings.maxConcurrentCalls())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The circuit breaker of one model, e.g. to show its state in health checks. */
    public CircuitBreaker.State circuitState(String model) {
        return breaker(model).getState();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return withRetries(
                request, new AtomicBoolean(false), left -> attempt(() -> delegate.chat(request), left, null));
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
        AtomicBoolean delivered = new AtomicBoolean(false);
        return withRetries(request, delivered, left -> {
            CompletableFuture<Void> firstToken = new CompletableFuture<>();
            return attempt(
                    () -> delegate.stream(request, delta -> {
                        delivered.set(true);
                        firstToken.complete(null);
                        onDelta.accept(delta);
                    }),
                    left,
                    firstToken);
        });
    }

    /** Runs attempts until one succeeds, one fails for good, or the call's time is up; each is given the time left. */
    private ChatResponse withRetries(
            ChatRequest request, AtomicBoolean delivered, Function<Long, ChatResponse> attempt) {
        CircuitBreaker breaker = breaker(request.model());
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        ProviderException last = null;
        for (int n = 1; n <= settings.maxAttempts(); n++) {
            long left = deadline - System.nanoTime();
            ProviderException failure;
            boolean fatal; // the call is refused before reaching the provider: no retry
            try (Tracer.Span span = request.tracer().start(ModelCallSpans.SPAN)) {
                GenAiSpans.request(span, name(), request.model());
                span.attribute(ModelCallSpans.ATTEMPT, n);
                try {
                    ChatResponse response =
                            bulkhead.executeSupplier(() -> breaker.executeSupplier(() -> attempt.apply(left)));
                    GenAiSpans.response(span, response);
                    return response;
                } catch (CallNotPermittedException e) {
                    failure = new ProviderException(
                            Kind.CIRCUIT_OPEN,
                            name(),
                            0,
                            java.util.Optional.empty(),
                            "the circuit for model " + request.model()
                                    + " is open after repeated failures; failing fast",
                            last);
                    fatal = true;
                } catch (BulkheadFullException e) {
                    failure = new ProviderException(
                            Kind.OVERLOADED,
                            name(),
                            0,
                            java.util.Optional.empty(),
                            "more than " + settings.maxConcurrentCalls() + " calls in flight; not queueing",
                            e);
                    fatal = true;
                } catch (ProviderException e) {
                    failure = e;
                    fatal = false;
                } catch (RuntimeException e) {
                    GenAiSpans.failure(span, e);
                    throw e;
                }
                GenAiSpans.failure(span, failure);
            }
            if (fatal) {
                throw failure;
            }
            last = failure;
            Optional<Duration> wait = delivered.get() ? Optional.empty() : settings.retryDelay(n, failure);
            if (wait.isEmpty()) {
                throw failure; // not retriable, text already delivered, attempts spent, or Retry-After beyond the cap
            }
            if (System.nanoTime() + wait.get().toNanos() >= deadline) {
                throw failure; // no time would be left for another attempt: fall back now
            }
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
        throw last;
    }

    /**
     * One attempt on its own virtual thread, bounded by what is left of the call's time ({@code leftNanos}) and for
     * streams by the first-token timeout; cancelled (interrupted) when either passes.
     */
    private ChatResponse attempt(Supplier<ChatResponse> call, long leftNanos, CompletableFuture<Void> firstToken) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        Future<ChatResponse> future = calls.submit(() -> {
            try {
                return call.get();
            } finally {
                settled.complete(null);
            }
        });
        long start = System.nanoTime();
        try {
            if (firstToken != null && settings.firstTokenTimeout().toNanos() < leftNanos) {
                try {
                    CompletableFuture.anyOf(firstToken, settled)
                            .get(settings.firstTokenTimeout().toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    throw new ProviderException(
                            Kind.TIMEOUT,
                            name(),
                            "no text within the first-token timeout of "
                                    + settings.firstTokenTimeout().toMillis() + " ms");
                }
            }
            long left = leftNanos - (System.nanoTime() - start);
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderException(
                    Kind.TIMEOUT,
                    name(),
                    "no complete reply within " + settings.totalTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException p) {
                throw p;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TIMEOUT, name(), "the call was cancelled");
        }
    }

    private CircuitBreaker breaker(String model) {
        return breakers.circuitBreaker(delegate.name() + ":" + model);
    }
}
