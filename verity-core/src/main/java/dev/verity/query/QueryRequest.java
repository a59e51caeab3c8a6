package dev.verity.query;

import dev.verity.index.SearchFilter;
import dev.verity.internal.Checks;
import dev.verity.retrieval.RetrievalMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A question from a caller.
 *
 * @param question the question, at most {@link #MAX_QUESTION_CHARS} characters
 * @param filter collection, caller's principals and metadata filters
 * @param topK how many chunks to retrieve as evidence
 * @param mode which retrieval legs run
 * @param conversationDepth how many turns came before this question in its conversation; 0 for a single question
 * @param actor who asks, as the audit log names callers ({@code key:<id>}, {@code jwt:<issuer>#<subject>},
 *     {@code local}): what budgets per key and run records are kept by; never a secret
 * @param traceId the W3C trace id the caller's request belongs to (from its {@code traceparent}), to continue rather
 *     than start a new trace; 32 lower-case hex characters, not all zero
 */
public record QueryRequest(
        String question,
        SearchFilter filter,
        int topK,
        RetrievalMode mode,
        int conversationDepth,
        String actor,
        Optional<String> traceId) {
    /** Long enough for any real question; longer input is almost always a pasted document, not a question. */
    public static final int MAX_QUESTION_CHARS = 2_000;

    public static final int DEFAULT_TOP_K = 8;
    /** The most chunks a caller may ask for as evidence: more would not fit any answer's context. */
    public static final int MAX_TOP_K = 100;
    /** The actor of a request that does not say: the local operator. */
    public static final String LOCAL_ACTOR = "local";

    public QueryRequest {
        Checks.nonBlank(question, "question");
        if (question.length() > MAX_QUESTION_CHARS) {
            throw new IllegalArgumentException(
                    "question must be at most " + MAX_QUESTION_CHARS + " characters, got " + question.length()
                            + ": ask a shorter question (to search a document's text, ingest the document instead)");
        }
        Objects.requireNonNull(filter, "filter");
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("top_k must be in 1.." + MAX_TOP_K + ", got " + topK);
        }
        Objects.requireNonNull(mode, "mode");
        if (conversationDepth < 0) {
            throw new IllegalArgumentException("conversationDepth must be >= 0, got " + conversationDepth);
        }
        Checks.nonBlank(actor, "actor");
        Objects.requireNonNull(traceId, "traceId");
        traceId.ifPresent(id -> {
            if (!isTraceId(id)) {
                throw new IllegalArgumentException(
                        "traceId must be 32 lower-case hex characters, not all zero, got '" + id + "'");
            }
        });
    }

    public QueryRequest(String question, SearchFilter filter, int topK, RetrievalMode mode, int conversationDepth) {
        this(question, filter, topK, mode, conversationDepth, LOCAL_ACTOR, Optional.empty());
    }

    public QueryRequest(String question, SearchFilter filter, int topK, RetrievalMode mode) {
        this(question, filter, topK, mode, 0);
    }

    public QueryRequest withConversationDepth(int depth) {
        return new QueryRequest(question, filter, topK, mode, depth, actor, traceId);
    }

    /** This request asked by {@code actor}. */
    public QueryRequest withActor(String actor) {
        return new QueryRequest(question, filter, topK, mode, conversationDepth, actor, traceId);
    }

    /** This request as part of the trace {@code traceId} (see {@link #isTraceId}). */
    public QueryRequest withTraceId(String traceId) {
        return new QueryRequest(question, filter, topK, mode, conversationDepth, actor, Optional.of(traceId));
    }

    public static QueryRequest of(String question, SearchFilter filter) {
        return new QueryRequest(question, filter, DEFAULT_TOP_K, RetrievalMode.HYBRID);
    }

    /** True for a valid W3C trace id: 32 lower-case hex characters, not all zero. */
    public static boolean isTraceId(String id) {
        return id.length() == 32
                && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                && !id.equals("0".repeat(32));
    }
}
