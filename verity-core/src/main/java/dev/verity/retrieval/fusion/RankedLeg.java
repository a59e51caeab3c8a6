package dev.verity.retrieval.fusion;

import dev.verity.index.ScoredChunk;
import dev.verity.internal.Checks;
import java.util.List;

/** One leg's ranked hits, best first, with the leg's name and its weight in fusion. */
public record RankedLeg(String name, double weight, List<ScoredChunk> hits) {
    public RankedLeg {
        Checks.nonBlank(name, "name");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number >= 0, got " + weight);
        }
        hits = List.copyOf(hits);
    }
}
