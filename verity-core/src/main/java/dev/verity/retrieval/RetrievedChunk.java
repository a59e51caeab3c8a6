package dev.verity.retrieval;

import dev.verity.document.Chunk;
import dev.verity.guardrails.GuardVerdict;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A retrieved chunk: its fused score and how each leg ranked it.
 *
 * @param score the fused score (reciprocal rank fusion), or the engine score when only one leg ran
 * @param legs per leg name ({@link Retriever#KEYWORD_LEG}, {@link Retriever#VECTOR_LEG}), the leg's rank and score
 * @param verdict what the ingestion guard said of the chunk: a {@link GuardVerdict.Action#FLAG flagged} chunk is never
 *     extractive evidence and is fenced as suspicious in a model's context
 */
public record RetrievedChunk(Chunk chunk, double score, Map<String, LegHit> legs, GuardVerdict verdict) {
    public RetrievedChunk {
        Objects.requireNonNull(chunk, "chunk");
        legs = Map.copyOf(legs);
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A chunk nobody scanned. */
    public RetrievedChunk(Chunk chunk, double score, Map<String, LegHit> legs) {
        this(chunk, score, legs, GuardVerdict.NOT_SCANNED);
    }

    /** True when the ingestion guard flagged the chunk (a possible prompt injection, or whatever its labels say). */
    public boolean suspicious() {
        return verdict.action() != GuardVerdict.Action.ALLOW;
    }

    public Optional<LegHit> leg(String name) {
        return Optional.ofNullable(legs.get(name));
    }
}
