package dev.verity.catalog;

import dev.verity.index.Index;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
     * The documents found inside it (archive members) go with it.
     *
     * @return false when the collection holds no such document
     */
    public boolean delete(String tenant, String collection, String documentId) {
        Optional<DocumentRecord> record = find(tenant, collection, documentId);
        if (record.isEmpty()) {
            return false;
        }
        List<DocumentRecord> doomed = new ArrayList<>();
        withDescendants(tenant, record.get(), doomed);
        for (DocumentRecord d : doomed) {
            index.deleteDocument(d.id());
        }
        index.commit();
        Set<String> contents = new HashSet<>();
        for (DocumentRecord d : doomed.reversed()) { // children first: a crash leaves the container to delete again
            store.delete(d.id());
            contents.add(d.info().contentSha256());
        }
        originals.unreferenced(contents).forEach(blobs::delete);
        return true;
    }

    /** The document, then the documents found inside it (archive members), at every level. */
    private void withDescendants(String tenant, DocumentRecord record, List<DocumentRecord> into) {
        into.add(record);
        for (DocumentRecord child : store.children(tenant, record.id())) {
            withDescendants(tenant, child, into);
        }
    }
}
