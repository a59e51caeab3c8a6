package dev.verity.ingestion.sync;

import dev.verity.catalog.Catalog;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.ingestion.sync.SyncPlan.Action;
import dev.verity.ingestion.sync.SyncPlan.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link SyncPlan}:
 *
 * <ol>
 *   <li>ingest the adds and changes, all at once, through the {@link Ingestion} seam;
 *   <li>record each one that was indexed (or found unchanged) in the {@link SyncState}, owned by this root;
 *   <li>delete each gone document from the index and the catalogue ({@link Catalog#delete}), then forget it;
 *   <li>record the unchanged ones too, so this root owns them from now on.
 * </ol>
 *
 * A file the ingestion rejects is reported as rejected and recorded nowhere: a new one is retried by the next sync, a
 * changed one keeps its last good version. Deletes run after the ingestion, so a rename never leaves a moment with
 * neither name indexed.
 */
public final class SyncRunner {
    private final Ingestion ingestion;
    private final Catalog catalog;
    private final SyncState state;
    private final Clock clock;

    /** How files get ingested: {@link IngestionService#ingest}, through the durable queue. */
    @FunctionalInterface
    public interface Ingestion {
        List<IngestResult> ingest(List<SourceFile> files, IngestOptions options, IngestionService.Listener listener);
    }

    /** Receives each action's outcome as soon as it is final. */
    @FunctionalInterface
    public interface Listener {
        void onOutcome(SyncOutcome outcome, int done, int total);

        static Listener none() {
            return (outcome, done, total) -> {};
        }
    }

    public SyncRunner(Ingestion ingestion, Catalog catalog, SyncState state, Clock clock) {
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.state = Objects.requireNonNull(state, "state");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param root the folder or start URL, as recorded ({@link FolderSource#root})
     * @param plan computed from {@code listing}
     * @param listing the items the plan names, with their files
     * @return one outcome per action: ingested ones in ingestion order, then the listing's refused items as rejected,
     *     then unchanged, then deletes
     */
    public SyncReport run(String root, SyncPlan plan, SourceListing listing, IngestOptions options, Listener listener) {
        Map<String, SyncItem> items = new HashMap<>();
        listing.items().forEach(item -> items.put(item.source(), item));
        List<Action> toIngest = new ArrayList<>(plan.of(Kind.ADD));
        toIngest.addAll(plan.of(Kind.CHANGE));
        Map<String, Action> bySource = new HashMap<>();
        List<SourceFile> files = new ArrayList<>();
        for (Action action : toIngest) {
            SyncItem item = items.get(action.source());
            if (item == null || item.file().isEmpty()) {
                throw new IllegalArgumentException("the plan " + action.kind().code() + "s " + action.source()
                        + " but the listing has no file for it");
            }
            bySource.put(action.source(), action);
            files.add(item.file().get());
        }
        int total = plan.actions().size() + listing.refused().size();
        List<SyncOutcome> outcomes = new ArrayList<>(total);
        if (!files.isEmpty()) {
            ingestion.ingest(files, options, (result, done, count) -> {
                Action action = bySource.get(result.source());
                if (result.status() != IngestStatus.REJECTED) {
                    record(root, items.get(result.source()), result.documentId(), options);
                }
                SyncOutcome outcome = new SyncOutcome(action, Optional.of(result));
                outcomes.add(outcome);
                listener.onOutcome(outcome, outcomes.size(), total);
            });
        }
        for (SourceListing.Refused refused : listing.refused()) {
            String id = DocumentIds.documentId(options.tenant(), options.collection(), refused.source());
            boolean known =
                    catalog.find(options.tenant(), options.collection(), id).isPresent();
            Action action = new Action(known ? Kind.CHANGE : Kind.ADD, refused.source(), id, Optional.empty());
            SyncOutcome outcome = new SyncOutcome(
                    action,
                    Optional.of(new IngestResult(
                            refused.source(), IngestStatus.REJECTED, Optional.of(refused.rejection()), id, 0, 0)));
            outcomes.add(outcome);
            listener.onOutcome(outcome, outcomes.size(), total);
        }
        for (Action action : plan.of(Kind.UNCHANGED)) {
            record(root, items.get(action.source()), action.documentId(), options);
            SyncOutcome outcome = new SyncOutcome(action, Optional.empty());
            outcomes.add(outcome);
            listener.onOutcome(outcome, outcomes.size(), total);
        }
        for (Action action : plan.of(Kind.DELETE)) {
            catalog.delete(options.tenant(), options.collection(), action.documentId());
            state.remove(action.documentId());
            SyncOutcome outcome = new SyncOutcome(action, Optional.empty());
            outcomes.add(outcome);
            listener.onOutcome(outcome, outcomes.size(), total);
        }
        return new SyncReport(outcomes);
    }

    private void record(String root, SyncItem item, String documentId, IngestOptions options) {
        state.put(new SyncEntry(
                documentId,
                options.tenant(),
                options.collection(),
                root,
                item.source(),
                item.sha256(),
                item.etag(),
                item.lastModified(),
                clock.instant()));
    }
}
