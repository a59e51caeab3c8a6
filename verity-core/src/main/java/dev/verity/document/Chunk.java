package dev.verity.document;

import dev.verity.internal.Checks;
import java.util.Objects;

/**
 * The unit of retrieval: a passage of one document version with everything needed to filter, cite and verify it.
 *
 * @param id unique id, see {@link DocumentIds#chunkId}
 * @param document the document version it comes from
 * @param ordinal its position among the document's chunks, from 0
 * @param kind the strategy that cut it
 * @param text the passage itself; quotes in answers must be exact substrings of it
 * @param context where it sits (title, heading path, e-mail subject…), prepended for search and embedding only
 * @param location pages, section path and character offsets into the document's extracted text
 * @param contentHash SHA-256 of {@link #searchText()}: the key of the embedding cache
 * @param tokenCount tokens of {@link #searchText()} by the embedding model's tokenizer
 */
public record Chunk(
        String id,
        DocumentInfo document,
        int ordinal,
        ChunkKind kind,
        String text,
        String context,
        Location location,
        String contentHash,
        int tokenCount) {

    public Chunk {
        Checks.nonBlank(id, "id");
        Objects.requireNonNull(document, "document");
        Checks.nonNegative(ordinal, "ordinal");
        Objects.requireNonNull(kind, "kind");
        Checks.nonBlank(text, "text");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(location, "location");
        Checks.nonBlank(contentHash, "contentHash");
        Checks.nonNegative(tokenCount, "tokenCount");
    }

    /** What is embedded and keyword-indexed: the context line, then the text. */
    public String searchText() {
        return searchText(context, text);
    }

    public static String searchText(String context, String text) {
        return context.isEmpty() ? text : context + "\n" + text;
    }
}
