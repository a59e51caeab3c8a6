package dev.verity.index;

import dev.verity.internal.Checks;
import java.util.Objects;

/**
 * The embedding computed for a chunk that was indexed without one, to be set by {@link Index#setVectors}. The content
 * hash makes the write safe against a race: if the document was replaced or deleted while the vector was computed,
 * the index no longer holds that chunk id with that text, and the vector is dropped instead of landing on other text.
 *
 * @param chunkId the chunk's id in the index
 * @param contentHash the hash of the text the vector was computed from ({@code Chunk.contentHash()})
 * @param vector the embedding, not empty
 */
public record ChunkVector(String chunkId, String contentHash, float[] vector) {
    public ChunkVector {
        Checks.nonBlank(chunkId, "chunkId");
        Checks.nonBlank(contentHash, "contentHash");
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("vector of chunk " + chunkId + " is empty: set a computed embedding");
        }
    }
}
