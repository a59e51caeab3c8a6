package dev.verity.ingestion.sync;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The outcomes of one sync. */
public record SyncReport(List<SyncOutcome> outcomes) {
    public SyncReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Outcomes per status, every status present. */
    public Map<SyncOutcome.Status, Integer> counts() {
        Map<SyncOutcome.Status, Integer> counts = new EnumMap<>(SyncOutcome.Status.class);
        for (SyncOutcome.Status status : SyncOutcome.Status.values()) {
            counts.put(status, 0);
        }
        outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        return counts;
    }

    public int count(SyncOutcome.Status status) {
        return counts().get(status);
    }
}
