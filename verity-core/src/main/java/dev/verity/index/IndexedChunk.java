package dev.verity.index;

import dev.verity.document.Chunk;
import dev.verity.guardrails.GuardVerdict;
import java.util.Objects;

/**
 * A chunk with its embedding, as written to the index. A chunk may be written before it is embedded, so that it is
 * findable by keyword at once: its vector is then empty ({@link #hasVector()} is false) until a background stage sets
 * it ({@link Index#setVectors}). Vector search does not see such a chunk; keyword search does.
 *
 * @param vector the embedding, or an empty array while the chunk awaits one
 * @param verdict what the ingestion guard said of it
 */
public record IndexedChunk(Chunk chunk, float[] vector, GuardVerdict verdict) {
    private static final float[] NO_VECTOR = new float[0];

    public IndexedChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A chunk no guard has scanned. */
    public IndexedChunk(Chunk chunk, float[] vector) {
        this(chunk, vector, GuardVerdict.NOT_SCANNED);
    }

    /** A chunk written before its embedding: keyword-searchable now, vector-searchable once its vector is set. */
    public static IndexedChunk awaitingVector(Chunk chunk, GuardVerdict verdict) {
        return new IndexedChunk(chunk, NO_VECTOR, verdict);
    }

    /** Whether the chunk has its embedding (false while it awaits one). */
    public boolean hasVector() {
        return vector.length > 0;
    }
}
