package dev.verity.query;

import dev.verity.index.SearchFilter;
import dev.verity.internal.Checks;
import dev.verity.retrieval.RetrievalMode;
import java.util.Objects;

/**
 * A question from a caller.
 *
 * @param question the question, at most {@link #MAX_QUESTION_CHARS} characters
 * @param filter collection, caller's principals and metadata filters
 * @param topK how many chunks to retrieve as evidence
 * @param mode which retrieval legs run
 * @param conversationDepth how many turns came before this question in its conversation; 0 for a single question
 */
public record QueryRequest(String question, SearchFilter filter, int topK, RetrievalMode mode, int conversationDepth) {
    /** Long enough for any real question; longer input is almost always a pasted document, not a question. */
    public static final int MAX_QUESTION_CHARS = 2_000;

    public static final int DEFAULT_TOP_K = 8;
    /** The most chunks a caller may ask for as evidence: more would not fit any answer's context. */
    public static final int MAX_TOP_K = 100;

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
    }

    public QueryRequest(String question, SearchFilter filter, int topK, RetrievalMode mode) {
        this(question, filter, topK, mode, 0);
    }

    public QueryRequest withConversationDepth(int depth) {
        return new QueryRequest(question, filter, topK, mode, depth);
    }

    public static QueryRequest of(String question, SearchFilter filter) {
        return new QueryRequest(question, filter, DEFAULT_TOP_K, RetrievalMode.HYBRID);
    }
}
