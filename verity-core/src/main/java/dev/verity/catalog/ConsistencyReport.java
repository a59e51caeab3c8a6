package dev.verity.catalog;

import dev.verity.index.IndexedDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the catalogue (database), the index and the stored originals compare. Drift is any disagreement between the
 * catalogue and the index; originals that are missing or no longer needed are reported too, but are not drift.
 *
 * @param documents documents in the catalogue
 * @param chunks chunks in the index
 * @param missingFromIndex catalogued documents the index does not hold
 * @param notCatalogued documents (id and version) the index holds but the catalogue does not list
 * @param mismatched documents both hold, with another version, content hash or chunk count on each side
 * @param mixedVersions documents whose chunks in the index come from more than one version
 * @param missingOriginals catalogued documents whose original is not stored (e.g. ingested before originals were kept)
 * @param unusedOriginals stored originals nothing refers to any more
 */
public record ConsistencyReport(
        int documents,
        long chunks,
        List<DocumentRecord> missingFromIndex,
        List<IndexedDocument> notCatalogued,
        List<Mismatch> mismatched,
        List<String> mixedVersions,
        List<String> missingOriginals,
        Set<String> unusedOriginals) {

    /** One document as the catalogue and the index each describe it. */
    public record Mismatch(DocumentRecord catalogue, IndexedDocument index) {}

    public boolean drifted() {
        return !missingFromIndex.isEmpty()
                || !notCatalogued.isEmpty()
                || !mismatched.isEmpty()
                || !mixedVersions.isEmpty();
    }

    /**
     * Compares the two sides.
     *
     * @param catalogue every catalogued document
     * @param index every (document, version) the index holds, as {@code Index.documents()} lists them
     * @param stored content hashes of the stored originals
     * @param needed content hashes something still needs (documents and pending jobs)
     */
    public static ConsistencyReport compare(
            Collection<DocumentRecord> catalogue,
            Collection<IndexedDocument> index,
            Set<String> stored,
            Set<String> needed) {
        Map<String, List<IndexedDocument>> byId = new HashMap<>();
        long chunks = 0;
        for (IndexedDocument d : index) {
            byId.computeIfAbsent(d.documentId(), k -> new ArrayList<>()).add(d);
            chunks += d.chunkCount();
        }
        List<DocumentRecord> missing = new ArrayList<>();
        List<Mismatch> mismatched = new ArrayList<>();
        List<String> mixed = new ArrayList<>();
        List<String> missingOriginals = new ArrayList<>();
        Set<String> catalogued = new TreeSet<>();
        for (DocumentRecord record : catalogue) {
            catalogued.add(record.id());
            if (!stored.contains(record.info().contentSha256())) {
                missingOriginals.add(record.id());
            }
            List<IndexedDocument> held = byId.getOrDefault(record.id(), List.of());
            if (held.isEmpty()) {
                if (record.chunkCount() > 0) { // a container (an archive) has no chunks of its own to hold
                    missing.add(record);
                }
            } else if (held.size() > 1) {
                mixed.add(record.id());
            } else {
                IndexedDocument d = held.getFirst();
                if (d.version() != record.info().version()
                        || !d.contentSha256().equals(record.info().contentSha256())
                        || d.chunkCount() != record.chunkCount()) {
                    mismatched.add(new Mismatch(record, d));
                }
            }
        }
        List<IndexedDocument> notCatalogued = new ArrayList<>();
        for (Map.Entry<String, List<IndexedDocument>> e : byId.entrySet()) {
            if (!catalogued.contains(e.getKey())) {
                notCatalogued.addAll(e.getValue());
                if (e.getValue().size() > 1) {
                    mixed.add(e.getKey());
                }
            }
        }
        notCatalogued.sort(java.util.Comparator.comparing(IndexedDocument::documentId));
        Set<String> unused = new TreeSet<>(stored);
        unused.removeAll(needed);
        return new ConsistencyReport(
                catalogue.size(), chunks, missing, notCatalogued, mismatched, mixed, missingOriginals, unused);
    }
}
