package dev.verity.index;

import dev.verity.document.Chunk;
import dev.verity.guardrails.GuardVerdict;
import java.util.Objects;

/**
 * A search hit: the chunk, the engine's score (BM25, or cosine similarity for vector search) and the verdict the
 * ingestion guard stored with it, so that answerers can treat flagged chunks with care.
 */
public record ScoredChunk(Chunk chunk, double score, GuardVerdict verdict) {
    public ScoredChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A hit on a chunk nobody scanned. */
    public ScoredChunk(Chunk chunk, double score) {
        this(chunk, score, GuardVerdict.NOT_SCANNED);
    }
}
