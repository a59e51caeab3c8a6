package dev.verity.ingestion.chunking;

import dev.verity.document.ChunkKind;
import dev.verity.document.Location;
import dev.verity.internal.Checks;
import java.util.Objects;

/**
 * A chunk as the chunker cuts it, before it is tied to a document version.
 *
 * @param kind the strategy that cut it
 * @param text the passage
 * @param context the line that situates it (title, heading path, e-mail subject), for search and embedding
 * @param location pages, section path and offsets
 * @param tokenCount tokens of context plus text
 */
public record ChunkDraft(ChunkKind kind, String text, String context, Location location, int tokenCount) {
    public ChunkDraft {
        Objects.requireNonNull(kind, "kind");
        Checks.nonBlank(text, "text");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(location, "location");
    }
}
