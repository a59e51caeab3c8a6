package dev.verity.query;

import dev.verity.document.Chunk;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.CitationVerifier;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.answer.GenerationPlan;
import dev.verity.generation.prompt.PromptExperiment;
import dev.verity.generation.routing.DifficultyRouter;
import dev.verity.generation.routing.Route;
import dev.verity.index.SearchFilter;
import dev.verity.internal.Hashing;
import dev.verity.observability.StepTimings;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.usage.UsageLedger;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Answers a question. Every step is timed under its name in the result:
 *
 * <ol>
 *   <li>Retrieve evidence the caller may see ({@link Retriever}; filters apply inside the index).
 *   <li>Plan: route the question by difficulty ({@link DifficultyRouter}, when routing is on) and draw its prompt
 *       experiment arm ({@link PromptExperiment}).
 *   <li>Look the answer up in the {@link AnswerCache} by an exact key: the normalised question, collection, filters,
 *       the caller's principals, retrieval settings, the index version and the generator's fingerprint under the plan
 *       (model, prompt version). A hit costs nothing and is marked {@code cached}.
 *   <li>Generate an answer or an abstention from the evidence ({@link AnswerGenerator}).
 *   <li>Verify: every quote must be an exact substring of a chunk in the evidence ({@link CitationVerifier}).
 *   <li>Cache the answer unless it is degraded (a fallback must not outlive the outage), and count an answer that
 *       used a model in the {@link UsageLedger}: caller, collection, model, tokens and cost.
 * </ol>
 */
public final class QueryService {
    private static final SecureRandom RANDOM = new SecureRandom();

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
        String traceId = newTraceId();
        StepTimings timings = new StepTimings();
        long start = System.nanoTime();
        List<RetrievedChunk> evidence = retriever.retrieve(
                new RetrievalRequest(request.question(), request.filter(), request.topK(), request.mode()), timings);
        Optional<Route> route = router.map(r -> r.route(request.question(), evidence, request.conversationDepth()));
        GenerationPlan plan = new GenerationPlan(route, experiment.assign(random));
        String key = timings.time("cache", () -> cacheKey(request, plan));
        Optional<Answer> hit = timings.time("cache", () -> cache.get(key));
        if (hit.isPresent()) {
            Answer answer = hit.get().withGeneration(hit.get().generation().reused());
            listener.onDelta(answer.text());
            timings.record("total", System.nanoTime() - start);
            return observed(request, new QueryResult(answer, traceId, timings.asMillis(), evidence, 0, true));
        }
        Answer generated = timings.time("generate",
                () -> generator.generate(request.question(), evidence, timings, listener, plan));
        if (route.isPresent()) {
            generated = generated.withGeneration(generated.generation().withRoute(route.get()));
        }
        Map<String, Chunk> byId = new LinkedHashMap<>();
        evidence.forEach(r -> byId.put(r.chunk().id(), r.chunk()));
        Answer toVerify = generated;
        CitationVerifier.Verified verified = timings.time("verify", () -> verifier.verify(toVerify, byId));
        if (!verified.answer().generation().degraded()) {
            cache.put(key, verified.answer());
        }
        timings.record("total", System.nanoTime() - start);
        record(request, verified.answer().generation());
        return observed(request,
                new QueryResult(verified.answer(), traceId, timings.asMillis(), evidence, verified.dropped(), false));
    }

    private QueryResult observed(QueryRequest request, QueryResult result) {
        observer.accept(request, result);
        return result;
    }

    /**
     * The exact-answer cache key: SHA-256 over the normalised question (Unicode NFKC, lower case, whitespace collapsed,
     * trailing punctuation dropped), tenant, collection, sorted principals and filters, top-k, retrieval mode, the index
     * version and the generator's fingerprint under the plan. Conversation depth is left out: a follow-up reaches here
     * already rewritten as a standalone question.
     */
    String cacheKey(QueryRequest request, GenerationPlan plan) {
        SearchFilter f = request.filter();
        String parts = String.join("\u001f",
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
     * One line per answer that used a model (tokens or cost) in the ledger: the caller's principals, the collection,
     * the model, tokens and cost. Extractive answers cost nothing and are not counted.
     */
    private void record(QueryRequest request, Generation generation) {
        if (generation.usage().inputTokens() + generation.usage().outputTokens() == 0 && generation.costUsd() == 0) {
            return;
        }
        ledger.record(new UsageLedger.Entry(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                UsageLedger.caller(request.filter().principals()),
                request.filter().collection(), generation.model().orElse(generation.generator()), 1,
                generation.usage().inputTokens(), generation.usage().outputTokens(), generation.costUsd()));
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

        /** Told about every answer as it is returned, e.g. to log it with its trace id, prompt and model. */
        public Builder onAnswer(BiConsumer<QueryRequest, QueryResult> observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        public QueryService build() {
            return new QueryService(this);
        }
    }
}
