package dev.verity.index;

import dev.verity.document.Chunk;
import java.util.Objects;

/** A chunk with its embedding, as written to the index. */
public record IndexedChunk(Chunk chunk, float[] vector) {
    public IndexedChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(vector, "vector");
    }
}
