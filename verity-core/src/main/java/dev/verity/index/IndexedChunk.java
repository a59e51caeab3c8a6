package dev.verity.index;

import dev.verity.document.Chunk;
import dev.verity.guardrails.GuardVerdict;
import java.util.Objects;

/**
 * A chunk with its embedding, as written to the index.
 *
 * @param verdict what the ingestion guard said of it
 */
public record IndexedChunk(Chunk chunk, float[] vector, GuardVerdict verdict) {
    public IndexedChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A chunk no guard has scanned. */
    public IndexedChunk(Chunk chunk, float[] vector) {
        this(chunk, vector, GuardVerdict.NOT_SCANNED);
    }
}
