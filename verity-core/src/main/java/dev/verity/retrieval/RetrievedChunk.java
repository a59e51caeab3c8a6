package dev.verity.retrieval;

import dev.verity.document.Chunk;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A retrieved chunk: its fused score and how each leg ranked it.
 *
 * @param score the fused score (reciprocal rank fusion), or the engine score when only one leg ran
 * @param legs per leg name ({@link Retriever#KEYWORD_LEG}, {@link Retriever#VECTOR_LEG}), the leg's rank and score
 */
public record RetrievedChunk(Chunk chunk, double score, Map<String, LegHit> legs) {
    public RetrievedChunk {
        Objects.requireNonNull(chunk, "chunk");
        legs = Map.copyOf(legs);
    }

    public Optional<LegHit> leg(String name) {
        return Optional.ofNullable(legs.get(name));
    }
}
