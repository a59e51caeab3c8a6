package dev.verity.query;

import dev.verity.document.Chunk;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.CitationVerifier;
import dev.verity.generation.answer.Generation;
import dev.verity.observability.StepTimings;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.storage.UsageLedger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Answers a question. Every step is timed under its name in the result:
 *
 * <ol>
 *   <li>Retrieve evidence the caller may see ({@link Retriever}; filters apply inside the index).
 *   <li>Generate an answer or an abstention from it ({@link AnswerGenerator}).
 *   <li>Verify: every quote must be an exact substring of a chunk in the evidence ({@link CitationVerifier}).
 *   <li>Count an answer that used a model in the {@link UsageLedger}: caller, collection, model, tokens and cost.
 * </ol>
 */
public final class QueryService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Retriever retriever;
    private final AnswerGenerator generator;
    private final UsageLedger ledger;
    private final Clock clock;
    private final CitationVerifier verifier = new CitationVerifier();

    public QueryService(Retriever retriever, AnswerGenerator generator, UsageLedger ledger, Clock clock) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A query service that keeps no usage ledger. */
    public QueryService(Retriever retriever, AnswerGenerator generator) {
        this(retriever, generator, UsageLedger.none(), Clock.systemUTC());
    }

    public QueryResult ask(QueryRequest request) {
        return ask(request, AnswerListener.none());
    }

    /**
     * Answers while streaming the answer's text to {@code listener}. The deltas are provisional; the returned result
     * is verified and authoritative.
     */
    public QueryResult ask(QueryRequest request, AnswerListener listener) {
        String traceId = newTraceId();
        StepTimings timings = new StepTimings();
        long start = System.nanoTime();
        List<RetrievedChunk> evidence = retriever.retrieve(
                new RetrievalRequest(request.question(), request.filter(), request.topK(), request.mode()), timings);
        Answer generated = timings.time("generate",
                () -> generator.generate(request.question(), evidence, timings, listener));
        Map<String, Chunk> byId = new LinkedHashMap<>();
        evidence.forEach(r -> byId.put(r.chunk().id(), r.chunk()));
        CitationVerifier.Verified verified = timings.time("verify", () -> verifier.verify(generated, byId));
        timings.record("total", System.nanoTime() - start);
        record(request, verified.answer().generation());
        return new QueryResult(verified.answer(), traceId, timings.asMillis(), evidence, verified.dropped());
    }

    /**
     * One line per answer that used a model (tokens or cost) in the ledger: the caller's principals, the collection,
     * the model, tokens and cost. Extractive answers cost nothing and are not counted.
     */
    private void record(QueryRequest request, Generation generation) {
        if (generation.usage().inputTokens() + generation.usage().outputTokens() == 0 && generation.costUsd() == 0) {
            return;
        }
        String caller = request.filter().principals().isEmpty() ? "anonymous"
                : String.join(",", new TreeSet<>(request.filter().principals()));
        ledger.record(new UsageLedger.Entry(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), caller,
                request.filter().collection(), generation.model().orElse(generation.generator()), 1,
                generation.usage().inputTokens(), generation.usage().outputTokens(), generation.costUsd()));
    }

    /** A W3C trace-context trace id: 16 random bytes in hex. */
    static String newTraceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
