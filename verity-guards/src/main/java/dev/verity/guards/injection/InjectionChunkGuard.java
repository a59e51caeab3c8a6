package dev.verity.guards.injection;

import dev.verity.document.Chunk;
import dev.verity.guardrails.ChunkGuard;
import dev.verity.guardrails.GuardVerdict;
import java.util.Map;
import java.util.Objects;

/**
 * The chunk guard at ingestion: scores every chunk's text and context (a title or heading can carry an attack as well
 * as the body) with the {@link InjectionDetector}, and acts by the policy of the chunk's collection, or the default
 * one. A flagged chunk is indexed with its verdict — the extractive answerer never quotes it, an LLM sees it fenced as
 * suspicious — and a blocked one is quarantined (not indexed). Verdicts are named {@value InjectionDetector#VERSION}.
 */
public final class InjectionChunkGuard implements ChunkGuard {
    private final InjectionDetector detector;
    private final InjectionPolicy policy;
    private final Map<String, InjectionPolicy> byCollection;

    /**
     * @param policy the policy of collections not in {@code byCollection}
     * @param byCollection policies of named collections
     */
    public InjectionChunkGuard(
            InjectionDetector detector, InjectionPolicy policy, Map<String, InjectionPolicy> byCollection) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.byCollection = Map.copyOf(byCollection);
    }

    @Override
    public GuardVerdict check(Chunk chunk) {
        return scan(chunk.document().collection(), chunk.searchText()).verdict();
    }

    /**
     * The verdict on a chunk of {@code collection} whose {@link Chunk#searchText() search text} is {@code text}, and
     * the score behind it: for chunks not cut yet ({@code verity inspect}) and for {@code verity guard scan}.
     */
    public InjectionVerdict scan(String collection, String text) {
        InjectionPolicy applied = byCollection.getOrDefault(collection, policy);
        InjectionDetection found = detector.detect(text);
        return new InjectionVerdict(applied.verdict(InjectionDetector.VERSION, found), found.score());
    }
}
