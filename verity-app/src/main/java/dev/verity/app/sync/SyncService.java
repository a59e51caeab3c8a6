package dev.verity.app.sync;

import dev.verity.catalog.DocumentStore;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.sync.SyncReport;
import dev.verity.ingestion.sync.SyncRunner;
import dev.verity.ingestion.sync.SyncState;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The sync use-case ({@code verity sync}): {@link #prepare} lists a folder or crawls a site and plans against the
 * collection, changing nothing (a dry run stops there); {@link #run} carries the plan out, ingesting through the
 * durable queue and deleting through the catalogue. Preparing needs the database alone; running starts the workers.
 */
public final class SyncService {
    private final DocumentStore documents;
    private final SyncState state;
    private final Supplier<SyncRunner> runner;

    /** @param runner built on first {@link #run}: it needs the index's write lock and the ingestion workers */
    public SyncService(DocumentStore documents, SyncState state, Supplier<SyncRunner> runner) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.state = Objects.requireNonNull(state, "state");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Steps 1 and 2: what the source holds now, and what syncing it will do.
     *
     * @param source a folder, or an http(s) URL
     * @param downloads where web pages are saved; the caller deletes it once the plan has run
     * @throws NoSuchFileException when the folder does not exist
     */
    public SyncSource prepare(String source, IngestOptions options, WebSettings web, Path downloads)
            throws NoSuchFileException {
        return SyncSource.prepare(documents, state, source, options, web, downloads);
    }

    /** Step 3: runs a prepared plan; the listener hears of each item as it is done. */
    public SyncReport run(SyncSource prepared, IngestOptions options, SyncRunner.Listener listener) {
        return runner.get().run(prepared.root(), prepared.plan(), prepared.listing(), options, listener);
    }
}
