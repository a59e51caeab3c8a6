package dev.verity.app.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.prompt.PromptRef;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.jobs.JobStatus;
import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.runs.Feedback;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The answer observer, feedback and gauges, fed results and states built here. */
class VerityMetricsTest {
    private static final QueryRequest ASKED =
            QueryRequest.of("How long is the refund window?", SearchFilter.collection("default"));
    private static final MeterLabels LABELS =
            new MeterLabels(Set.of("gpt-test"), List.of(new MeterLabels.Route("openai", "gpt-test")));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VerityMetrics metrics = new VerityMetrics(registry, LABELS, true);

    @Test
    void everyOutcomeIsCountedAndStartsAtZero() {
        metrics.answered(ASKED, result(Generation.extractive(), false, Optional.empty(), false, "cache"));
        metrics.answered(ASKED, result(Generation.extractive(), true, Optional.empty(), false, "cache"));
        metrics.answered(
                ASKED,
                result(
                        Generation.refusedQuestion(),
                        true,
                        Optional.of(GuardVerdict.block("injection-rules@1", "override", List.of("injection"))),
                        false));

        assertThat(answers("answered")).isEqualTo(1);
        assertThat(answers("abstained")).isEqualTo(1);
        assertThat(answers("blocked")).isEqualTo(1);
        assertThat(answers("degraded")).isZero();
    }

    @Test
    void anAnswersDurationIsItsQuerySpanByGeneratorAndOutcome() {
        metrics.answered(ASKED, result(llm().degraded("timeout", TokenUsage.NONE, 0), false, Optional.empty(), false));

        var timer = registry.get("verity.answer")
                .tags("generator", "llm", "outcome", "degraded")
                .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0); // the query span: 0 → 250 ms
    }

    @Test
    void tokensAndCostAreCountedByModelAndDirection() {
        metrics.answered(ASKED, result(llm().withCost(0.0042), false, Optional.empty(), false));
        metrics.answered(ASKED, result(llm().withCost(0.0042), false, Optional.empty(), false));

        assertThat(tokens("gpt-test", "input")).isEqualTo(840); // 420 per answer
        assertThat(tokens("gpt-test", "output")).isEqualTo(74);
        assertThat(registry.get("verity.llm.cost.usd")
                        .tag("model", "gpt-test")
                        .counter()
                        .count())
                .isCloseTo(0.0084, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aModelTheConfigurationDoesNotNameIsCountedAsOther() {
        Generation unknown =
                Generation.llm("gpt-5-preview-0001", new PromptRef("answer", 2, Optional.empty()), usage());

        metrics.answered(ASKED, result(unknown, false, Optional.empty(), false));

        assertThat(tokens("other", "input")).isEqualTo(420);
        assertThat(registry.find("verity.llm.tokens")
                        .tag("model", "gpt-5-preview-0001")
                        .counter())
                .isNull();
    }

    @Test
    void aDatedVersionOfAConfiguredModelIsCountedUnderTheConfiguredName() {
        Generation dated = Generation.llm("gpt-test-2026-01-15", new PromptRef("answer", 2, Optional.empty()), usage());

        metrics.answered(ASKED, result(dated, false, Optional.empty(), false));

        assertThat(tokens("gpt-test", "input")).isEqualTo(420);
    }

    @Test
    void cacheRequestsAreCountedOnlyWhenTheCacheWasAsked() {
        metrics.answered(ASKED, result(Generation.extractive(), false, Optional.empty(), true, "cache"));
        metrics.answered(ASKED, result(Generation.extractive(), false, Optional.empty(), false, "cache"));
        metrics.answered(ASKED, result(Generation.extractive(), false, Optional.empty(), false, "cache"));
        // refused before retrieval: no cache span, no look-up
        metrics.answered(
                ASKED,
                result(
                        Generation.refusedQuestion(),
                        true,
                        Optional.of(GuardVerdict.block("injection-rules@1", "override", List.of("injection"))),
                        false));

        assertThat(cache("hit")).isEqualTo(1);
        assertThat(cache("miss")).isEqualTo(2);
    }

    @Test
    void withTheCacheOffNoCacheRequestIsCounted() {
        SimpleMeterRegistry off = new SimpleMeterRegistry();
        new VerityMetrics(off, LABELS, false)
                .answered(ASKED, result(Generation.extractive(), false, Optional.empty(), false, "cache"));

        assertThat(off.find("verity.cache.requests").counters()).isEmpty();
    }

    @Test
    void feedbackIsCountedByRating() {
        metrics.feedback(feedback(Feedback.Rating.DOWN));
        metrics.feedback(feedback(Feedback.Rating.DOWN));

        assertThat(registry.get("verity.feedback")
                        .tag("rating", "down")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("verity.feedback").tag("rating", "up").counter().count())
                .isZero();
    }

    @Test
    void aCircuitGaugeReadsTheBreakersStateWhenScraped() {
        AtomicReference<CircuitBreaker.State> state = new AtomicReference<>(CircuitBreaker.State.CLOSED);
        metrics.circuit("openai", "gpt-test", state::get);
        var gauge = registry.get("verity.llm.circuit.state")
                .tags("provider", "openai", "model", "gpt-test")
                .gauge();

        assertThat(gauge.value()).isZero();
        state.set(CircuitBreaker.State.OPEN);
        assertThat(gauge.value()).isEqualTo(1);
        state.set(CircuitBreaker.State.HALF_OPEN);
        assertThat(gauge.value()).isEqualTo(2);
    }

    @Test
    void jobCountsAreReadAtMostOncePerTtlWhateverTheScrapes() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong nanos = new AtomicLong();
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, 0L);
        }
        counts.put(JobStatus.QUEUED, 7L);
        metrics.jobs(
                () -> {
                    reads.incrementAndGet();
                    return Map.copyOf(counts);
                },
                Duration.ofSeconds(10),
                nanos::get);

        for (int scrape = 0; scrape < 3; scrape++) {
            for (var gauge : registry.get("verity.ingest.jobs").gauges()) {
                gauge.value();
            }
        }
        assertThat(reads).hasValue(1);
        assertThat(jobs("queued")).isEqualTo(7);

        counts.put(JobStatus.QUEUED, 2L);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(jobs("queued")).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void jobCountsThatCannotBeReadShowAsNaN() {
        metrics.jobs(
                () -> {
                    throw new IllegalStateException("database down");
                },
                Duration.ofSeconds(10),
                System::nanoTime);

        assertThat(jobs("queued")).isNaN();
    }

    @Test
    void prometheusSeesTheNamesTheDashboardAndTheAlertsUse() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VerityMetrics published = new VerityMetrics(prometheus, LABELS, true);
        published.answered(ASKED, result(llm().withCost(0.01), false, Optional.empty(), false, "cache"));
        published.tracer().start("bm25").end();

        String scrape = prometheus.scrape();

        assertThat(scrape)
                .contains("verity_answers_total{outcome=\"answered\"} 1.0")
                .contains("verity_answer_seconds_bucket{generator=\"llm\",outcome=\"answered\",le=\"0.25\"} 1")
                .contains("verity_llm_tokens_total{direction=\"input\",model=\"gpt-test\"} 420.0")
                .contains("verity_llm_cost_usd_total{model=\"gpt-test\"} 0.01")
                .contains("verity_cache_requests_total{result=\"miss\"} 1.0")
                .contains("verity_step_seconds_count{step=\"bm25\"} 1")
                .contains("verity_llm_calls_total{model=\"gpt-test\",provider=\"openai\",result=\"ok\"} 0.0")
                .contains("verity_feedback_total{rating=\"down\"} 0.0")
                .contains("verity_ingest_pages_total 0.0");
    }

    private static Generation llm() {
        return Generation.llm("gpt-test", new PromptRef("answer", 2, Optional.empty()), usage());
    }

    private static TokenUsage usage() {
        return new TokenUsage(420, 37, true);
    }

    /** A result whose query span took 250 ms, with these spans inside it. */
    private static QueryResult result(
            Generation g, boolean abstained, Optional<GuardVerdict> refusal, boolean cached, String... steps) {
        AtomicLong nanos = new AtomicLong();
        RecordingTracer tracer = new RecordingTracer(nanos::get);
        try (Tracer.Span query = tracer.start("query")) {
            for (String step : steps) {
                tracer.start(step).end();
            }
            nanos.addAndGet(250_000_000);
        }
        Answer answer = new Answer(abstained ? Answer.ABSTENTION_MESSAGE : "21 days.", abstained, 0.9, List.of(), g);
        return new QueryResult(
                answer, "0".repeat(32), Map.of("total", 250L), List.of(), 0, cached, refusal, Set.of(), tracer.spans());
    }

    private static Feedback feedback(Feedback.Rating rating) {
        return new Feedback(
                "0".repeat(32), rating, Optional.empty(), "default", "key:k1", Instant.parse("2026-12-08T02:00:00Z"));
    }

    private double answers(String outcome) {
        return registry.get("verity.answers").tag("outcome", outcome).counter().count();
    }

    private double tokens(String model, String direction) {
        return registry.get("verity.llm.tokens")
                .tags("model", model, "direction", direction)
                .counter()
                .count();
    }

    private double cache(String result) {
        return registry.get("verity.cache.requests")
                .tag("result", result)
                .counter()
                .count();
    }

    private double jobs(String state) {
        return registry.get("verity.ingest.jobs").tag("state", state).gauge().value();
    }
}
