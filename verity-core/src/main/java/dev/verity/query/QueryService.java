package dev.verity.query;

import dev.verity.document.Chunk;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.AnswerRequest;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.CitationVerifier;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.answer.GenerationPlan;
import dev.verity.generation.prompt.PromptExperiment;
import dev.verity.generation.routing.DifficultyRouter;
import dev.verity.generation.routing.Route;
import dev.verity.guardrails.Guard;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guardrails.Guarded;
import dev.verity.guardrails.RewritingGuard;
import dev.verity.index.Index;
import dev.verity.index.SearchFilter;
import dev.verity.internal.Hashing;
import dev.verity.observability.ModelCallSpans;
import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.RunDetail;
import dev.verity.runs.RunStore;
import dev.verity.usage.UsageLedger;
import dev.verity.usage.budget.Payer;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Answers a question. Every step is a span of the request's {@link Tracer}, and its time is reported under its name
 * in the result's {@code timingsMs}:
 *
 * <ol>
 *   <li>Guard the question ({@code questionGuard}, allow-all by default): a block returns a refusal at once — no
 *       retrieval, no generation, nothing cached or counted.
 *   <li>Retrieve evidence the caller may see ({@link Retriever}; filters apply inside the index).
 *   <li>Plan: route the question by difficulty ({@link DifficultyRouter}, when routing is on) and draw its prompt
 *       experiment arm ({@link PromptExperiment}).
 *   <li>Look the answer up in the {@link AnswerCache} by an exact key: the normalised question, collection, filters,
 *       the caller's principals, retrieval settings, the index version and the generator's fingerprint under the plan
 *       (model, prompt version). A hit costs nothing and is marked {@code cached}.
 *   <li>Generate an answer or an abstention from the evidence ({@link AnswerGenerator}). Model calls made here are paid
 *       by the request's tenant and actor ({@link Payer}): budgets reserve and settle their cost.
 *   <li>Verify: every quote must be an exact substring of a chunk in the evidence ({@link CitationVerifier}).
 *   <li>Cache the answer unless it is degraded (a fallback must not outlive the outage).
 *   <li>Guard the answer ({@code answerGuard}, allow-all by default; cached answers too): a block replaces it with a
 *       refusal ({@link Answer#refusal}), and a listener that was streamed the answer is reset and given the refusal.
 *       A {@link RewritingGuard} may change the answer instead (strip markup, mask personal data): the changed answer's
 *       citations are verified again ({@link CitationVerifier}: a quote that is no longer verbatim is dropped, an
 *       answer left without citations becomes an abstention) and the listener is given the changed text.
 *   <li>Count an answer that used a model in the {@link UsageLedger}: caller, collection, model, tokens and cost (a
 *       refused answer too: its tokens were spent).
 *   <li>Record the run ({@link RunStore}): one {@link AnswerRun} per result returned, its id the trace id: the caller,
 *       the question scrubbed of personal data ({@code runScrubber}), filters, evidence with each leg's rank, route,
 *       every model attempt ({@code llm_call} spans), guard verdicts, outcome, answer, tokens, cost and timings.
 * </ol>
 *
 * <p>{@code timingsMs} keeps the step names it always had ({@code bm25}, {@code embed_query}, {@code vector},
 * {@code fuse}, {@code cache}, {@code generate} and the generator's own, {@code verify}, {@code total}); the spans
 * added with the tracer ({@code query}, {@code rerank}, {@code guard_question}, {@code guard_answer}) are in the
 * trace only, with {@code query} reported as {@code total}.
 */
public final class QueryService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The span around a whole question; reported as {@code total} in {@code timingsMs}. */
    static final String ROOT_SPAN = "query";
    /** Spans reported in the trace only, so that {@code timingsMs} keeps the keys and meaning clients rely on. */
    static final Set<String> TRACE_ONLY =
            Set.of(ROOT_SPAN, "rerank", "guard_question", "guard_answer", ModelCallSpans.SPAN);
    /** The root span's attribute holding the question, when {@link Builder#questionInTrace} allows it. */
    static final String QUESTION_ATTRIBUTE = "verity.question";

    private final Retriever retriever;
    private final AnswerGenerator generator;
    private final UsageLedger ledger;
    private final Clock clock;
    private final AnswerCache cache;
    private final LongSupplier indexVersion;
    private final Optional<DifficultyRouter> router;
    private final PromptExperiment experiment;
    private final RandomGenerator random;
    private final BiConsumer<QueryRequest, QueryResult> observer;
    private final BiConsumer<QueryRequest, RuntimeException> failures;
    private final Tracer tracer;
    private final Optional<UnaryOperator<String>> questionInTrace;
    private final Guard<String> questionGuard;
    private final Guard<Answer> answerGuard;
    private final RunStore runs;
    private final UnaryOperator<String> runScrubber;
    private final Function<List<String>, Set<String>> withoutVectors;
    private final CitationVerifier verifier = new CitationVerifier();

    private QueryService(Builder b) {
        this.retriever = Objects.requireNonNull(b.retriever, "retriever");
        this.generator = Objects.requireNonNull(b.generator, "generator");
        this.ledger = b.ledger;
        this.clock = b.clock;
        this.cache = b.cache;
        this.indexVersion = b.indexVersion;
        this.router = b.router;
        this.experiment = b.experiment;
        this.random = b.random;
        this.observer = b.observer;
        this.failures = b.failures;
        this.tracer = b.tracer;
        this.questionInTrace = b.questionInTrace;
        this.questionGuard = b.questionGuard;
        this.answerGuard = b.answerGuard;
        this.runs = b.runs;
        this.runScrubber = b.runScrubber;
        this.withoutVectors = b.withoutVectors;
    }

    public QueryService(Retriever retriever, AnswerGenerator generator, UsageLedger ledger, Clock clock) {
        this(builder(retriever, generator).ledger(ledger).clock(clock));
    }

    /** A query service that keeps no usage ledger. */
    public QueryService(Retriever retriever, AnswerGenerator generator) {
        this(builder(retriever, generator));
    }

    public static Builder builder(Retriever retriever, AnswerGenerator generator) {
        return new Builder(retriever, generator);
    }

    public QueryResult ask(QueryRequest request) {
        return ask(request, AnswerListener.none());
    }

    /**
     * Answers while streaming the answer's text to {@code listener}. The deltas are provisional; the returned result
     * is verified and authoritative. A cached answer is delivered as one delta.
     */
    public QueryResult ask(QueryRequest request, AnswerListener listener) {
        RecordingTracer recording = new RecordingTracer();
        Tracer traced = Tracer.both(recording, tracer);
        Outcome outcome;
        String traceId;
        try (Tracer.Span root = traced.start(ROOT_SPAN)) {
            traceId = request.traceId().or(root::traceId).orElseGet(QueryService::newTraceId);
            root.attribute("trace_id", traceId);
            questionInTrace.ifPresent(scrub -> root.attribute(QUESTION_ATTRIBUTE, scrub.apply(request.question())));
            // model calls made while answering are paid by the request's tenant and actor (budgets)
            try {
                outcome = new Payer(request.filter().tenant(), request.actor())
                        .callAs(() -> answer(request, listener, traced));
            } catch (RuntimeException e) {
                root.attribute("error.type", e.getClass().getSimpleName());
                failures.accept(request, e);
                throw e;
            }
            root.attribute("abstained", outcome.answer().abstained());
        }
        if (!outcome.cached()) {
            record(request, outcome.answer().generation());
        }
        QueryResult result = new QueryResult(
                outcome.answer(),
                traceId,
                timings(recording),
                outcome.evidence(),
                outcome.dropped(),
                outcome.cached(),
                outcome.refusal(),
                withoutVectors.apply(outcome.answer().citations().stream()
                        .map(c -> c.chunkId())
                        .toList()),
                recording.spans());
        runs.record(run(request, result));
        observer.accept(request, result);
        return result;
    }

    /** What {@link #answer} decided, before timings are known. */
    private record Outcome(
            Answer answer,
            List<RetrievedChunk> evidence,
            int dropped,
            boolean cached,
            Optional<GuardVerdict> refusal) {}

    private Outcome answer(QueryRequest request, AnswerListener listener, Tracer traced) {
        GuardVerdict asked = guard(traced, "guard_question", questionGuard, request.question());
        if (asked.blocks()) {
            Answer refusal = Answer.refusal(Generation.refusedQuestion());
            listener.onDelta(refusal.text());
            return new Outcome(refusal, List.of(), 0, false, Optional.of(asked));
        }
        List<RetrievedChunk> evidence = retriever.retrieve(
                new RetrievalRequest(request.question(), request.filter(), request.topK(), request.mode()), traced);
        Optional<Route> route = router.map(r -> r.route(request.question(), evidence, request.conversationDepth()));
        GenerationPlan plan = new GenerationPlan(route, experiment.assign(random));
        String key = traced.inSpan("cache", () -> cacheKey(request, plan));
        Optional<Answer> hit = traced.inSpan("cache", () -> cache.get(key));
        if (hit.isPresent()) {
            Answer answer = hit.get().withGeneration(hit.get().generation().reused());
            listener.onDelta(answer.text());
            return guarded(new Outcome(answer, evidence, 0, true, Optional.empty()), listener, traced);
        }
        Answer generated = traced.inSpan(
                "generate",
                () -> generator.generate(new AnswerRequest(request.question(), evidence, plan, traced), listener));
        if (route.isPresent()) {
            generated = generated.withGeneration(generated.generation().withRoute(route.get()));
        }
        Map<String, Chunk> byId = new LinkedHashMap<>();
        evidence.forEach(r -> byId.put(r.chunk().id(), r.chunk()));
        Answer toVerify = generated;
        CitationVerifier.Verified verified = traced.inSpan("verify", () -> verifier.verify(toVerify, byId));
        if (!verified.answer().generation().degraded()) {
            cache.put(key, verified.answer());
        }
        return guarded(
                new Outcome(verified.answer(), evidence, verified.dropped(), false, Optional.empty()),
                listener,
                traced);
    }

    /** The outcome, or a refusal with the same evidence and provenance when the answer guard blocks it. */
    private Outcome guarded(Outcome outcome, AnswerListener listener, Tracer traced) {
        Guarded<Answer> guarded = answerGuard instanceof RewritingGuard<Answer> rewriting
                ? rewrite(traced, rewriting, outcome.answer())
                : new Guarded<>(outcome.answer(), guard(traced, "guard_answer", answerGuard, outcome.answer()));
        GuardVerdict verdict = guarded.verdict();
        if (!verdict.blocks()) {
            if (guarded.subject().equals(outcome.answer())) {
                return outcome;
            }
            Map<String, Chunk> byId = new LinkedHashMap<>();
            outcome.evidence().forEach(r -> byId.put(r.chunk().id(), r.chunk()));
            CitationVerifier.Verified verified = verifier.verify(guarded.subject(), byId);
            listener.onReset();
            listener.onDelta(verified.answer().text());
            return new Outcome(
                    verified.answer(),
                    outcome.evidence(),
                    outcome.dropped() + verified.dropped(),
                    outcome.cached(),
                    Optional.empty());
        }
        Answer refusal = Answer.refusal(outcome.answer().generation());
        listener.onReset();
        listener.onDelta(refusal.text());
        return new Outcome(refusal, outcome.evidence(), outcome.dropped(), outcome.cached(), Optional.of(verdict));
    }

    private static <T> Guarded<T> rewrite(Tracer traced, RewritingGuard<T> guard, T subject) {
        try (Tracer.Span span = traced.start("guard_answer")) {
            Guarded<T> guarded = Objects.requireNonNull(guard.guard(subject), "a guard returned no verdict");
            GuardVerdict verdict = guarded.verdict();
            span.attribute("guard", verdict.guard())
                    .attribute("action", verdict.action().code());
            if (!verdict.labels().isEmpty()) {
                span.attribute("labels", String.join(",", verdict.labels()));
            }
            return guarded;
        }
    }

    private static <T> GuardVerdict guard(Tracer traced, String step, Guard<T> guard, T subject) {
        try (Tracer.Span span = traced.start(step)) {
            GuardVerdict verdict = Objects.requireNonNull(guard.check(subject), "a guard returned no verdict");
            span.attribute("guard", verdict.guard())
                    .attribute("action", verdict.action().code());
            if (!verdict.labels().isEmpty()) {
                span.attribute("labels", String.join(",", verdict.labels()));
            }
            return verdict;
        }
    }

    /** The recorded spans as {@code timingsMs}: trace-only spans left out, the root span as {@code total}, last. */
    private static Map<String, Long> timings(RecordingTracer recording) {
        Map<String, Long> timings = new LinkedHashMap<>();
        recording.millisByName().forEach((name, ms) -> {
            if (!TRACE_ONLY.contains(name)) {
                timings.put(name, ms);
            }
        });
        timings.put("total", recording.millisByName().getOrDefault(ROOT_SPAN, 0L));
        return timings;
    }

    /** The run of a result: what was asked by whom, what was answered from which chunks, at what cost. */
    private AnswerRun run(QueryRequest request, QueryResult result) {
        Answer answer = result.answer();
        Generation g = answer.generation();
        SearchFilter f = request.filter();
        List<AnswerRun.Cited> cited = answer.citations().stream()
                .map((Citation c) -> new AnswerRun.Cited(c.documentId(), c.chunkId()))
                .toList();
        return new AnswerRun(
                        result.traceId(),
                        clock.instant(),
                        f.tenant(),
                        f.collection(),
                        List.copyOf(f.principals()),
                        runScrubber.apply(request.question()),
                        answer.text(),
                        answer.abstained(),
                        result.cached(),
                        g.generator(),
                        g.model(),
                        g.prompt()
                                .map(p -> p.id() + "@" + p.version()
                                        + p.arm().map(a -> "/" + a).orElse("")),
                        g.degradedReason(),
                        result.refusal().map(GuardVerdict::guard),
                        cited,
                        g.usage().inputTokens(),
                        g.usage().outputTokens(),
                        g.costUsd(),
                        result.timingsMs())
                .with(request.actor(), result.outcome().code(), detail(request, result));
    }

    /** What the run did on the way: filters, evidence, route, model attempts and guard verdicts. */
    private static RunDetail detail(QueryRequest request, QueryResult result) {
        SearchFilter f = request.filter();
        RunDetail.Filters filters = new RunDetail.Filters(
                List.copyOf(f.sources()),
                List.copyOf(f.mediaTypes()),
                List.copyOf(f.languages()),
                f.ingestedFrom(),
                f.ingestedTo());
        List<RunDetail.Evidence> evidence = result.evidence().stream()
                .map(r -> {
                    Map<String, RunDetail.Leg> legs = new LinkedHashMap<>();
                    r.legs().forEach((leg, hit) -> legs.put(leg, new RunDetail.Leg(hit.rank(), hit.score())));
                    return new RunDetail.Evidence(
                            r.chunk().id(), r.chunk().document().id(), r.score(), legs);
                })
                .toList();
        Optional<RunDetail.RouteTaken> route = result.answer()
                .generation()
                .route()
                .map(t -> new RunDetail.RouteTaken(t.tier().code(), t.score(), t.signals()));
        List<RunDetail.Attempt> attempts = new ArrayList<>();
        List<RunDetail.GuardCheck> guards = new ArrayList<>();
        for (RecordingTracer.RecordedSpan span : result.spans()) {
            Map<String, Object> a = span.attributes();
            switch (span.name()) {
                case ModelCallSpans.SPAN ->
                    attempts.add(new RunDetail.Attempt(
                            (int) number(a.get(ModelCallSpans.ATTEMPT), attempts.size() + 1),
                            text(a.get(ModelCallSpans.PROVIDER)),
                            text(a.getOrDefault(ModelCallSpans.RESPONSE_MODEL, a.get(ModelCallSpans.REQUEST_MODEL))),
                            a.containsKey(ModelCallSpans.RESULT) ? text(a.get(ModelCallSpans.RESULT)) : "ok",
                            Math.round(span.durationNanos() / 1_000_000.0),
                            number(a.get(ModelCallSpans.INPUT_TOKENS), 0),
                            number(a.get(ModelCallSpans.OUTPUT_TOKENS), 0)));
                case "guard_question", "guard_answer" ->
                    guards.add(new RunDetail.GuardCheck(
                            span.name(),
                            text(a.get("guard")),
                            a.containsKey("action") ? text(a.get("action")) : "allow",
                            a.containsKey("labels")
                                    ? List.of(text(a.get("labels")).split(","))
                                    : List.of()));
                default -> {}
            }
        }
        return new RunDetail(filters, evidence, route, attempts, guards);
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static long number(@Nullable Object value, long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /**
     * The exact-answer cache key: SHA-256 over the normalised question (Unicode NFKC, lower case, whitespace collapsed,
     * trailing punctuation dropped), tenant, collection, sorted principals and filters, top-k, retrieval mode, the index
     * version and the generator's fingerprint under the plan. Conversation depth is left out: a follow-up reaches here
     * already rewritten as a standalone question.
     */
    String cacheKey(QueryRequest request, GenerationPlan plan) {
        SearchFilter f = request.filter();
        String parts = String.join(
                "\u001f",
                normalize(request.question()),
                f.tenant(),
                f.collection(),
                String.join(",", new TreeSet<>(f.principals())),
                String.join(",", new TreeSet<>(f.sources())),
                String.join(",", new TreeSet<>(f.mediaTypes())),
                String.join(",", new TreeSet<>(f.languages())),
                f.ingestedFrom().map(Object::toString).orElse(""),
                f.ingestedTo().map(Object::toString).orElse(""),
                Integer.toString(request.topK()),
                request.mode().name(),
                Long.toString(indexVersion.getAsLong()),
                generator.fingerprint(plan));
        return Hashing.sha256(parts);
    }

    static String normalize(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        text = text.replaceAll("\\s+", " ").strip();
        return text.replaceAll("[\\s?!.]+$", "");
    }

    /**
     * One line per answer that used a model (tokens or cost) in the ledger: the tenant, the caller's principals, the
     * actor (what budgets per key count from), the collection,
     * the model, tokens and cost. Extractive answers cost nothing and are not counted.
     */
    private void record(QueryRequest request, Generation generation) {
        if (generation.usage().inputTokens() + generation.usage().outputTokens() == 0 && generation.costUsd() == 0) {
            return;
        }
        ledger.record(new UsageLedger.Entry(
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                request.filter().tenant(),
                UsageLedger.caller(request.filter().principals()),
                request.actor(),
                request.filter().collection(),
                generation.model().orElse(generation.generator()),
                1,
                generation.usage().inputTokens(),
                generation.usage().outputTokens(),
                generation.costUsd()));
    }

    /** A W3C trace-context trace id: 16 random bytes in hex. */
    static String newTraceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Optional parts of a query service; each defaults to off. */
    public static final class Builder {
        private final Retriever retriever;
        private final AnswerGenerator generator;
        private UsageLedger ledger = UsageLedger.none();
        private Clock clock = Clock.systemUTC();
        private AnswerCache cache = AnswerCache.none();
        private LongSupplier indexVersion = () -> 0;
        private Optional<DifficultyRouter> router = Optional.empty();
        private PromptExperiment experiment = PromptExperiment.NONE;
        private RandomGenerator random = RANDOM;
        private BiConsumer<QueryRequest, QueryResult> observer = (request, result) -> {};
        private BiConsumer<QueryRequest, RuntimeException> failures = (request, failure) -> {};
        private Tracer tracer = Tracer.noop();
        private Optional<UnaryOperator<String>> questionInTrace = Optional.empty();
        private Guard<String> questionGuard = Guard.allowAll();
        private Guard<Answer> answerGuard = Guard.allowAll();
        private RunStore runs = RunStore.none();
        private UnaryOperator<String> runScrubber = UnaryOperator.identity();
        /** Which of the cited chunk ids lack a vector; by default none is reported. */
        private Function<List<String>, Set<String>> withoutVectors = ids -> Set.of();

        private Builder(Retriever retriever, AnswerGenerator generator) {
            this.retriever = retriever;
            this.generator = generator;
        }

        public Builder ledger(UsageLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Caches answers; {@code indexVersion} must change whenever the index does (see {@code Index.version()}). */
        public Builder cache(AnswerCache cache, LongSupplier indexVersion) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.indexVersion = Objects.requireNonNull(indexVersion, "indexVersion");
            return this;
        }

        public Builder router(DifficultyRouter router) {
            this.router = Optional.of(router);
            return this;
        }

        /** Runs a prompt experiment; {@code random} draws the arms and must be thread-safe (e.g. {@code Random}). */
        public Builder experiment(PromptExperiment experiment, RandomGenerator random) {
            this.experiment = Objects.requireNonNull(experiment, "experiment");
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Told about every answer as it is returned, e.g. to log it with its trace id, prompt and model, or to count it
         * in metrics; observers added earlier are told first. An observer runs on the answer's path: keep it quick.
         */
        public Builder onAnswer(BiConsumer<QueryRequest, QueryResult> observer) {
            this.observer = this.observer.andThen(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Told about every question that failed with an error instead of an answer (the index or database unavailable,
         * a bug), before the error propagates; observers added earlier are told first. Keep it quick.
         */
        public Builder onFailure(BiConsumer<QueryRequest, RuntimeException> observer) {
            this.failures = this.failures.andThen(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Also traces every question on {@code tracer} (e.g. OpenTelemetry), besides the recording that makes
         * {@code timingsMs}.
         */
        public Builder tracer(Tracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer");
            return this;
        }

        /**
         * Puts the question in the trace, as the root span's attribute {@code verity.question}, after {@code scrub}
         * (which must remove personal data). Off by default: questions are content, and traces leave the process.
         */
        public Builder questionInTrace(UnaryOperator<String> scrub) {
            this.questionInTrace = Optional.of(Objects.requireNonNull(scrub, "scrub"));
            return this;
        }

        /** Checks every question before retrieval; a blocking verdict refuses it. */
        public Builder questionGuard(Guard<String> guard) {
            this.questionGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** Checks every answer (cached ones too) before it is returned; a blocking verdict replaces it by a refusal. */
        public Builder answerGuard(Guard<Answer> guard) {
            this.answerGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /**
         * Records a run per answer. Called on the answer's path after the answer is complete: give it a store that
         * does not wait on a database ({@code WriteBehindRunStore}).
         */
        public Builder runs(RunStore runs) {
            this.runs = Objects.requireNonNull(runs, "runs");
            return this;
        }

        /**
         * Masks personal data in the question before its run is recorded (e.g. {@code [email]} for an address); by
         * default the question is kept as asked.
         */
        public Builder runScrubber(UnaryOperator<String> scrubber) {
            this.runScrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /**
         * The index searched, asked after each answer which cited passages had no vector yet ({@link
         * QueryResult#citedWithoutVectors()}); without it, none is reported.
         */
        public Builder index(Index index) {
            Objects.requireNonNull(index, "index");
            this.withoutVectors = index::withoutVectors;
            return this;
        }

        public QueryService build() {
            return new QueryService(this);
        }
    }
}
