package dev.verity.catalog;

import dev.verity.index.Index;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Finds and deletes the documents of a collection, keeping the index and the catalogue in step. */
public final class Catalog {
    private final Index index;
    private final DocumentStore store;
    private final OriginalReferences originals;
    private final BlobStore blobs;

    /** Deleting a document also deletes its stored original once nothing else needs it. */
    public Catalog(Index index, DocumentStore store, OriginalReferences originals, BlobStore blobs) {
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
        this.originals = Objects.requireNonNull(originals, "originals");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    public Optional<DocumentRecord> find(String tenant, String collection, String documentId) {
        return store.find(tenant, documentId).filter(r -> r.info().collection().equals(collection));
    }

    /**
     * Deletes a document's chunks from the index, commits, and only then removes it from the catalogue: a crash in
     * between leaves a catalogue entry whose next ingestion or deletion completes the work, never orphaned chunks.
     *
     * @return false when the collection holds no such document
     */
    public boolean delete(String tenant, String collection, String documentId) {
        Optional<DocumentRecord> record = find(tenant, collection, documentId);
        if (record.isEmpty()) {
            return false;
        }
        index.deleteDocument(documentId);
        index.commit();
        store.delete(documentId);
        originals.unreferenced(Set.of(record.get().info().contentSha256())).forEach(blobs::delete);
        return true;
    }
}
