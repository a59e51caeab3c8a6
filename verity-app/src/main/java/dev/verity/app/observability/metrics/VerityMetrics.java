package dev.verity.app.observability.metrics;

import dev.verity.generation.answer.Generation;
import dev.verity.ingestion.jobs.JobStatus;
import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.runs.Feedback;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The meters of one process: the {@link #tracer()} that meters every span, the answer observer
 * ({@link #answered}), feedback ({@link #feedback}), and the gauges of circuit breakers ({@link #circuit}) and of the
 * ingestion queue ({@link #jobs}). Names as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code verity_answers_total{outcome}}: answered, abstained, degraded, blocked;
 *   <li>{@code verity_answer_seconds{generator, outcome}}: a histogram of whole answers (the {@code query} span);
 *   <li>{@code verity_llm_tokens_total{model, direction}} (input, output) and {@code verity_llm_cost_usd_total{model}}
 *       of every answer, failed attempts included;
 *   <li>{@code verity_cache_requests_total{result}} (hit, miss) when the answer cache is on and was asked;
 *   <li>{@code verity_feedback_total{rating}} (up, down);
 *   <li>{@code verity_llm_circuit_state{provider, model}}: 0 closed, 1 open, 2 half-open;
 *   <li>{@code verity_ingest_jobs{state}}: jobs per status, read at most every {@link #JOB_COUNTS_TTL};
 *   <li>and the tracer's: {@code verity_step_seconds{step}}, {@code verity_llm_calls_total{provider, model, result}},
 *       {@code verity_guard_verdicts_total{guard, verdict}}, {@code verity_ingest_pages_total},
 *       {@code verity_ingest_chunks_total} ({@link MeteringTracer}).
 * </ul>
 *
 * Counters whose label values are known in advance are registered at 0, so a first increment is not lost to
 * {@code rate()} and every dashboard panel has a series from the start.
 */
public final class VerityMetrics {
    static final String ANSWERS = "verity.answers";
    static final String ANSWER_SECONDS = "verity.answer";
    static final String TOKENS = "verity.llm.tokens";
    static final String COST = "verity.llm.cost.usd";
    static final String CACHE = "verity.cache.requests";
    static final String FEEDBACK = "verity.feedback";
    static final String CIRCUIT = "verity.llm.circuit.state";
    static final String JOBS = "verity.ingest.jobs";

    /** A scrape every 15 s reads the database at most every other scrape; the queue moves slower than that matters. */
    public static final Duration JOB_COUNTS_TTL = Duration.ofSeconds(10);

    /** From a cached answer to a two-minute model timeout. */
    static final Duration[] ANSWER_BUCKETS = {
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(20),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120)
    };

    private final MeterRegistry registry;
    private final MeterLabels labels;
    private final boolean cacheEnabled;
    private final MeteringTracer tracer;

    /**
     * @param registry where the meters go (the server's Prometheus registry, or a composite that gets it later)
     * @param labels the configured models, for bounded label values
     * @param cacheEnabled whether answers are cached: cache requests are counted only then
     */
    public VerityMetrics(MeterRegistry registry, MeterLabels labels, boolean cacheEnabled) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.cacheEnabled = cacheEnabled;
        this.tracer = new MeteringTracer(registry, labels);
        for (QueryResult.Outcome outcome : QueryResult.Outcome.values()) {
            answers(outcome);
        }
        for (Feedback.Rating rating : Feedback.Rating.values()) {
            feedbackCounter(rating);
        }
        if (cacheEnabled) {
            cache(true);
            cache(false);
        }
        for (String model : labels.models()) {
            tokens(model, "input");
            tokens(model, "output");
            cost(model);
        }
    }

    /** Meters every span it is given; join it to the process tracer with {@link Tracer#both}. */
    public Tracer tracer() {
        return tracer;
    }

    /** The answer observer ({@code QueryService.Builder.onAnswer}): outcome, duration, tokens, cost, cache. */
    public void answered(QueryRequest request, QueryResult result) {
        QueryResult.Outcome outcome = result.outcome();
        Generation g = result.answer().generation();
        answers(outcome).increment();
        Timer timer = Timer.builder(ANSWER_SECONDS)
                .description("Duration of whole answers, by generator and outcome")
                .tag("generator", generator(g.generator()))
                .tag("outcome", outcome.code())
                .serviceLevelObjectives(ANSWER_BUCKETS)
                .register(registry);
        // the answer's trace id as the exemplar (AnswerExemplars): from a slow bucket to the run and the trace
        AnswerExemplars.during(result.traceId(), () -> timer.record(answerNanos(result), TimeUnit.NANOSECONDS));
        String model = labels.model(g.model());
        if (g.usage().inputTokens() > 0) {
            tokens(model, "input").increment(g.usage().inputTokens());
        }
        if (g.usage().outputTokens() > 0) {
            tokens(model, "output").increment(g.usage().outputTokens());
        }
        if (g.costUsd() > 0) {
            cost(model).increment(g.costUsd());
        }
        if (cacheEnabled && result.spans().stream().anyMatch(s -> s.name().equals("cache"))) {
            cache(result.cached()).increment();
        }
    }

    /** Counts a thumbs up or down; the feedback endpoint calls it once the feedback is stored. */
    public void feedback(Feedback feedback) {
        feedbackCounter(feedback.rating()).increment();
    }

    /**
     * A gauge of one model's circuit breaker: 0 closed, 1 open (or forced open), 2 half-open; read when scraped.
     *
     * @param state the breaker's current state, e.g. {@code () -> provider.circuitState(model)}
     */
    public void circuit(String provider, String model, Supplier<CircuitBreaker.State> state) {
        Objects.requireNonNull(state, "state");
        Gauge.builder(CIRCUIT, () -> circuitValue(state.get()))
                .description("Circuit breaker of each model: 0 closed, 1 open, 2 half-open")
                .tag("provider", labels.provider(provider))
                .tag("model", labels.model(model))
                .strongReference(true)
                .register(registry);
    }

    /**
     * Gauges of the ingestion queue, one per job status, from {@code counts} read at most every
     * {@link #JOB_COUNTS_TTL}: a scrape never hammers the database.
     *
     * @param counts jobs per status, e.g. {@code JobStore::countByStatus}; a failure shows as NaN until it answers
     */
    public void jobs(Supplier<Map<JobStatus, Long>> counts) {
        jobs(counts, JOB_COUNTS_TTL, System::nanoTime);
    }

    void jobs(Supplier<Map<JobStatus, Long>> counts, Duration ttl, LongSupplier nanoTime) {
        CachedCounts cached = new CachedCounts(counts, ttl, nanoTime);
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder(JOBS, () -> cached.get(status))
                    .description("Ingestion jobs in each state (queued, running, indexed, unchanged, rejected,"
                            + " quarantined)")
                    .tag("state", status.code())
                    .strongReference(true)
                    .register(registry);
        }
    }

    static int circuitValue(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
        };
    }

    /** The root span's duration; the reported total when no span was recorded (a result built by hand). */
    private static long answerNanos(QueryResult result) {
        return result.spans().stream()
                .filter(s -> s.name().equals("query") && s.parent().isEmpty())
                .mapToLong(RecordingTracer.RecordedSpan::durationNanos)
                .findFirst()
                .orElseGet(
                        () -> TimeUnit.MILLISECONDS.toNanos(result.timingsMs().getOrDefault("total", 0L)));
    }

    private static String generator(String generator) {
        return switch (generator) {
            case Generation.EXTRACTIVE, Generation.LLM, Generation.GUARD -> generator;
            default -> MeterLabels.OTHER;
        };
    }

    private Counter answers(QueryResult.Outcome outcome) {
        return Counter.builder(ANSWERS)
                .description("Answers returned, by outcome")
                .tag("outcome", outcome.code())
                .register(registry);
    }

    private Counter tokens(String model, String direction) {
        return Counter.builder(TOKENS)
                .description("Tokens of language-model calls made for answers, by model and direction")
                .tag("model", model)
                .tag("direction", direction)
                .register(registry);
    }

    private Counter cost(String model) {
        return Counter.builder(COST)
                .description("What answers cost in US dollars by the configured price table, by model")
                .tag("model", model)
                .register(registry);
    }

    private Counter cache(boolean hit) {
        return Counter.builder(CACHE)
                .description("Answer cache look-ups, by result")
                .tag("result", hit ? "hit" : "miss")
                .register(registry);
    }

    private Counter feedbackCounter(Feedback.Rating rating) {
        return Counter.builder(FEEDBACK)
                .description("Feedback on answers, by rating")
                .tag("rating", rating.code())
                .register(registry);
    }

    /** Counts per status, read again once older than the TTL; NaN for all when the read failed. */
    private static final class CachedCounts {
        private final Supplier<Map<JobStatus, Long>> counts;
        private final long ttlNanos;
        private final LongSupplier nanoTime;
        private Map<JobStatus, Long> last = Map.of();
        private long readAt;
        private boolean read;

        CachedCounts(Supplier<Map<JobStatus, Long>> counts, Duration ttl, LongSupplier nanoTime) {
            this.counts = Objects.requireNonNull(counts, "counts");
            this.ttlNanos = ttl.toNanos();
            this.nanoTime = nanoTime;
        }

        synchronized double get(JobStatus status) {
            long now = nanoTime.getAsLong();
            if (!read || now - readAt >= ttlNanos) {
                read = true;
                readAt = now;
                try {
                    last = Map.copyOf(counts.get());
                } catch (RuntimeException e) {
                    last = Map.of();
                }
            }
            Long n = last.get(status);
            return n == null ? Double.NaN : n;
        }
    }
}
