package dev.verity.testing;

import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link DocumentStore} in a map, for core unit tests. */
public final class MemoryDocumentStore implements DocumentStore {
    private final Map<String, DocumentRecord> records = new ConcurrentSkipListMap<>();

    @Override
    public Optional<DocumentRecord> find(String tenant, String documentId) {
        return Optional.ofNullable(records.get(documentId))
                .filter(r -> r.info().tenant().equals(tenant));
    }

    @Override
    public List<DocumentRecord> list(String tenant, String collection) {
        return records.values().stream()
                .filter(r -> r.info().tenant().equals(tenant)
                        && r.info().collection().equals(collection))
                .sorted(Comparator.comparing((DocumentRecord r) -> r.info().source()))
                .toList();
    }

    @Override
    public List<DocumentRecord> list(String tenant) {
        return records.values().stream()
                .filter(r -> r.info().tenant().equals(tenant))
                .sorted(Comparator.comparing((DocumentRecord r) -> r.info().collection())
                        .thenComparing(r -> r.info().source()))
                .toList();
    }

    @Override
    public List<DocumentRecord> all() {
        return List.copyOf(records.values());
    }

    @Override
    public void upsert(DocumentRecord record) {
        records.put(record.info().id(), record);
    }

    @Override
    public boolean delete(String documentId) {
        return records.remove(documentId) != null;
    }
}
