package dev.verity.app.observability.metrics;

import dev.verity.observability.ModelCallSpans;
import dev.verity.observability.Tracer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link Tracer} that turns every finished span into meters, by the span contract of issue 15:
 *
 * <ul>
 *   <li>every span: its duration in {@code verity_step_seconds{step}};
 *   <li>{@code llm_call} (one per provider attempt): {@code verity_llm_calls_total{provider, model, result}} from
 *       {@code gen_ai.provider.name}, {@code gen_ai.request.model} and {@code verity.result};
 *   <li>{@code guard_question}, {@code guard_answer}: one {@code verity_guard_verdicts_total{guard, verdict}} from
 *       {@code guard} and {@code action}; ingestion's {@code guard}: its {@code allowed}, {@code flagged} and
 *       {@code blocked} counts under {@code guard};
 *   <li>{@code ingest} (one per file): its {@code pages} and {@code chunks} in {@code verity_ingest_pages_total} and
 *       {@code verity_ingest_chunks_total}.
 * </ul>
 *
 * Label values pass through {@link MeterLabels}; attributes the meters do not use are not kept. Thread-safe and
 * stateless between spans: a span is timed by itself, so nesting does not matter here.
 *
 * <pre>{@code
 * Tracer tracer = Tracer.both(otel, new MeteringTracer(registry, labels));
 * try (Tracer.Span span = tracer.start("bm25")) { ... }   // verity_step_seconds{step="bm25"} counts one
 * }</pre>
 */
public final class MeteringTracer implements Tracer {
    static final String STEP = "verity.step";
    static final String LLM_CALLS = "verity.llm.calls";
    static final String GUARD_VERDICTS = "verity.guard.verdicts";
    static final String INGEST_PAGES = "verity.ingest.pages";
    static final String INGEST_CHUNKS = "verity.ingest.chunks";

    /** From a millisecond lookup to a minute-long OCR or model call: 16 buckets per step. */
    static final Duration[] STEP_BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(300)
    };

    /** The attributes some meter reads; others are dropped at once. */
    private static final Set<String> KEPT = Set.of(
            ModelCallSpans.PROVIDER,
            ModelCallSpans.REQUEST_MODEL,
            ModelCallSpans.RESULT,
            "guard",
            "action",
            "allowed",
            "flagged",
            "blocked",
            "pages",
            "chunks");

    private final MeterRegistry registry;
    private final MeterLabels labels;
    private final LongSupplier nanoTime;
    private final Map<String, Timer> steps = new ConcurrentHashMap<>();
    private final Counter pages;
    private final Counter chunks;

    public MeteringTracer(MeterRegistry registry, MeterLabels labels) {
        this(registry, labels, System::nanoTime);
    }

    /** @param nanoTime the clock spans are timed with, as {@link System#nanoTime()} */
    MeteringTracer(MeterRegistry registry, MeterLabels labels, LongSupplier nanoTime) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        // registered at once: a counter that appears only at its first increment loses that increment to rate()
        this.pages = Counter.builder(INGEST_PAGES)
                .description("Pages of ingested files (one ingest span per file)")
                .register(registry);
        this.chunks = Counter.builder(INGEST_CHUNKS)
                .description("Chunks indexed from ingested files")
                .register(registry);
        for (MeterLabels.Route route : labels.routes()) {
            llmCalls(route.provider(), route.model(), "ok");
        }
    }

    @Override
    public Span start(String name) {
        return new MeteredSpan(labels.name(Objects.requireNonNull(name, "name")), nanoTime.getAsLong());
    }

    private Timer step(String name) {
        return steps.computeIfAbsent(
                name,
                n -> Timer.builder(STEP)
                        .description("Duration of each step of questions and ingestion, by span name")
                        .tag("step", n)
                        .serviceLevelObjectives(STEP_BUCKETS)
                        .register(registry));
    }

    private Counter llmCalls(String provider, String model, String result) {
        return Counter.builder(LLM_CALLS)
                .description("Calls to language models, one per attempt, by provider, model and result")
                .tag("provider", labels.provider(provider))
                .tag("model", labels.model(model))
                .tag("result", labels.result(result))
                .register(registry);
    }

    private void verdicts(String guard, String verdict, long count) {
        if (count > 0) {
            Counter.builder(GUARD_VERDICTS)
                    .description("Guard verdicts on questions, answers and ingested chunks, by guard and verdict")
                    .tag("guard", labels.name(guard))
                    .tag("verdict", labels.verdict(verdict))
                    .register(registry)
                    .increment(count);
        }
    }

    /** What one span's meters need when it ends. */
    private void ended(String name, long nanos, Map<String, Object> attributes) {
        step(name).record(nanos, TimeUnit.NANOSECONDS);
        switch (name) {
            case ModelCallSpans.SPAN ->
                llmCalls(
                                text(attributes, ModelCallSpans.PROVIDER),
                                text(attributes, ModelCallSpans.REQUEST_MODEL),
                                text(attributes, ModelCallSpans.RESULT))
                        .increment();
            case "guard_question", "guard_answer" -> verdicts(text(attributes, "guard"), text(attributes, "action"), 1);
            case "guard" -> {
                String guard = text(attributes, "guard");
                verdicts(guard, "allow", number(attributes, "allowed"));
                verdicts(guard, "flag", number(attributes, "flagged"));
                verdicts(guard, "block", number(attributes, "blocked"));
            }
            case "ingest" -> {
                pages.increment(number(attributes, "pages"));
                chunks.increment(number(attributes, "chunks"));
            }
            default -> {}
        }
    }

    private static String text(Map<String, Object> attributes, String key) {
        Object value = attributes.get(key);
        return value == null ? MeterLabels.OTHER : value.toString();
    }

    private static long number(Map<String, Object> attributes, String key) {
        return attributes.get(key) instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    /** A span that keeps the few attributes its meters read; ending it twice records once. */
    private final class MeteredSpan implements Span {
        private final String name;
        private final long startNanos;
        private final Map<String, Object> attributes = new HashMap<>(4);
        private boolean ended;

        MeteredSpan(String name, long startNanos) {
            this.name = name;
            this.startNanos = startNanos;
        }

        @Override
        public Span attribute(String key, String value) {
            return keep(key, value);
        }

        @Override
        public Span attribute(String key, long value) {
            return keep(key, value);
        }

        @Override
        public Span attribute(String key, double value) {
            return keep(key, value);
        }

        @Override
        public Span attribute(String key, boolean value) {
            return keep(key, value);
        }

        private synchronized Span keep(String key, Object value) {
            if (KEPT.contains(key)) {
                attributes.put(key, value);
            }
            return this;
        }

        @Override
        public void end() {
            long endNanos = nanoTime.getAsLong();
            Map<String, Object> kept;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                kept = attributes;
            }
            ended(name, Math.max(0, endNanos - startNanos), kept);
        }
    }
}
