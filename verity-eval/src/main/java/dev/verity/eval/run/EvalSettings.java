package dev.verity.eval.run;

import dev.verity.document.DocumentIds;
import dev.verity.internal.Checks;
import dev.verity.query.QueryRequest;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a run evaluates.
 *
 * @param modes the retrieval modes scored, each on every case
 * @param k passages counted as the context for context precision and recall
 * @param depth chunks ranked per mode; documents rank by their best chunk among them, so it must exceed the deepest
 *     document cutoff (100) when documents have several chunks
 * @param tenant the tenant searched
 * @param collection the collection searched
 * @param answers whether to ask each question for an answer (only meaningful when the dataset labels answers)
 * @param answerMode the retrieval mode answers use
 * @param answerTopK chunks of evidence per answer
 * @param passagesKept retrieved passages kept with their text per case, in the {@link #primaryMode()}, for reading
 *     the report
 * @param parallelism cases evaluated at once; 1 keeps latencies free of contention between cases
 */
public record EvalSettings(
        List<RetrievalMode> modes,
        int k,
        int depth,
        String tenant,
        String collection,
        boolean answers,
        RetrievalMode answerMode,
        int answerTopK,
        int passagesKept,
        int parallelism) {

    public static final int DEFAULT_K = 10;
    /** Twice the deepest cutoff: enough documents at recall@100 when a document has about two chunks. */
    public static final int DEFAULT_DEPTH = 200;

    public static final int DEFAULT_PASSAGES_KEPT = 5;

    public EvalSettings {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("modes must name at least one retrieval mode");
        }
        if (modes.stream().distinct().count() != modes.size()) {
            throw new IllegalArgumentException("modes must not repeat, got " + modes);
        }
        Checks.positive(k, "k");
        if (depth < k || depth > RetrievalRequest.MAX_TOP_K) {
            throw new IllegalArgumentException(
                    "depth must be in k.." + RetrievalRequest.MAX_TOP_K + " (k = " + k + "), got " + depth);
        }
        Checks.nonBlank(tenant, "tenant");
        DocumentIds.requireCollection(collection);
        Objects.requireNonNull(answerMode, "answerMode");
        if (answerTopK < 1 || answerTopK > QueryRequest.MAX_TOP_K) {
            throw new IllegalArgumentException(
                    "answerTopK must be in 1.." + QueryRequest.MAX_TOP_K + ", got " + answerTopK);
        }
        Checks.nonNegative(passagesKept, "passagesKept");
        Checks.positive(parallelism, "parallelism");
    }

    /** All three modes, k = 10, answers asked as {@code verity ask} would (hybrid, default top-k). */
    public static EvalSettings defaults() {
        return new EvalSettings(
                List.of(RetrievalMode.KEYWORD, RetrievalMode.VECTOR, RetrievalMode.HYBRID),
                DEFAULT_K,
                DEFAULT_DEPTH,
                DocumentIds.DEFAULT_TENANT,
                DocumentIds.DEFAULT_COLLECTION,
                true,
                RetrievalMode.HYBRID,
                QueryRequest.DEFAULT_TOP_K,
                DEFAULT_PASSAGES_KEPT,
                1);
    }

    public EvalSettings withModes(List<RetrievalMode> newModes) {
        return new EvalSettings(
                newModes, k, depth, tenant, collection, answers, answerMode, answerTopK, passagesKept, parallelism);
    }

    public EvalSettings withK(int newK) {
        return new EvalSettings(
                modes,
                newK,
                Math.max(depth, newK),
                tenant,
                collection,
                answers,
                answerMode,
                answerTopK,
                passagesKept,
                parallelism);
    }

    public EvalSettings withCollection(String newCollection) {
        return new EvalSettings(
                modes, k, depth, tenant, newCollection, answers, answerMode, answerTopK, passagesKept, parallelism);
    }

    public EvalSettings withAnswers(boolean ask) {
        return new EvalSettings(
                modes, k, depth, tenant, collection, ask, answerMode, answerTopK, passagesKept, parallelism);
    }

    public EvalSettings withParallelism(int threads) {
        return new EvalSettings(
                modes, k, depth, tenant, collection, answers, answerMode, answerTopK, passagesKept, threads);
    }

    /** The mode whose passages the report keeps: the one answers use when scored, else hybrid, else the last. */
    public RetrievalMode primaryMode() {
        if (modes.contains(answerMode)) {
            return answerMode;
        }
        return modes.contains(RetrievalMode.HYBRID) ? RetrievalMode.HYBRID : modes.getLast();
    }

    /** The report's name of a mode: {@code bm25}, {@code vector} or {@code hybrid}. */
    public static String code(RetrievalMode mode) {
        return mode == RetrievalMode.KEYWORD ? "bm25" : mode.name().toLowerCase(Locale.ROOT);
    }
}
