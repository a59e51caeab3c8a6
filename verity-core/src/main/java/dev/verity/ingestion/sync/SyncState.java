package dev.verity.ingestion.sync;

import java.util.List;
import java.util.Optional;

/**
 * What earlier syncs put into each collection, so the next one knows which documents are its own to delete.
 * Implementations: {@code JdbcSyncState} (H2 or PostgreSQL) in {@code verity-jdbc}.
 */
public interface SyncState {

    /** The entries a root owns in a collection, ordered by source. */
    List<SyncEntry> entries(String tenant, String collection, String root);

    Optional<SyncEntry> find(String documentId);

    /** Inserts the entry, or replaces the one for the same document (whichever root owned it). */
    void put(SyncEntry entry);

    /** @return true when an entry was removed */
    boolean remove(String documentId);
}
