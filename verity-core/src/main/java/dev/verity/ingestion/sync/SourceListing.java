package dev.verity.ingestion.sync;

import dev.verity.ingestion.parsing.Rejection;
import dev.verity.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source as one sync saw it.
 *
 * @param items what it holds now
 * @param refused items that exist but could not be read this time (a locked file, a page too large or that timed
 *     out): reported as rejected, and their documents are kept as they are, neither changed nor deleted
 */
public record SourceListing(List<SyncItem> items, List<Refused> refused) {

    /** An item that exists but was not read, and why. */
    public record Refused(String source, Rejection rejection) {
        public Refused {
            Checks.nonBlank(source, "source");
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    public SourceListing {
        items = List.copyOf(items);
        refused = List.copyOf(refused);
    }

    public List<SyncPlan.Found> found() {
        return items.stream().map(SyncItem::found).toList();
    }

    /** The names whose documents must be kept though they were not found: the refused ones. */
    public Set<String> keep() {
        return refused.stream().map(Refused::source).collect(Collectors.toUnmodifiableSet());
    }
}
