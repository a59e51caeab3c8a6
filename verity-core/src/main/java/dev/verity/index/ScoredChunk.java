package dev.verity.index;

import dev.verity.document.Chunk;
import java.util.Objects;

/** A search hit: the chunk and the engine's score (BM25, or cosine similarity for vector search). */
public record ScoredChunk(Chunk chunk, double score) {
    public ScoredChunk {
        Objects.requireNonNull(chunk, "chunk");
    }
}
