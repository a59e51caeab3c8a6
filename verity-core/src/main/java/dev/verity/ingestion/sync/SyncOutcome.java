package dev.verity.ingestion.sync;

import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one planned action.
 *
 * @param action what was planned
 * @param result the ingestion's result, for adds and changes
 */
public record SyncOutcome(SyncPlan.Action action, Optional<IngestResult> result) {

    /** The summary column an outcome counts in. */
    public enum Status {
        ADDED,
        CHANGED,
        DELETED,
        UNCHANGED,
        REJECTED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SyncOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        boolean ingested = action.kind() == SyncPlan.Kind.ADD || action.kind() == SyncPlan.Kind.CHANGE;
        if (result.isPresent() != ingested) {
            throw new IllegalArgumentException("an ingestion result comes exactly with an add or a change, got "
                    + action.kind() + " with " + result);
        }
    }

    public Status status() {
        if (result.isPresent() && result.get().status() == IngestStatus.REJECTED) {
            return Status.REJECTED;
        }
        return switch (action.kind()) {
            case ADD -> Status.ADDED;
            case CHANGE -> Status.CHANGED;
            case DELETE -> Status.DELETED;
            case UNCHANGED -> Status.UNCHANGED;
        };
    }

    /** For people: what happened, and for a rejection why and what to do. */
    public String message() {
        return switch (status()) {
            case ADDED ->
                result.orElseThrow().message()
                        + action.renamedFrom()
                                .map(from -> ", renamed from " + from)
                                .orElse("");
            case CHANGED, REJECTED -> result.orElseThrow().message();
            case DELETED -> "its source is gone; document " + action.documentId() + " deleted";
            case UNCHANGED -> "unchanged";
        };
    }
}
