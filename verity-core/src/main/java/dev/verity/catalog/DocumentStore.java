package dev.verity.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of indexed documents. Implementations: {@code JdbcDocumentStore} (H2 or PostgreSQL) in
 * {@code verity-jdbc}.
 *
 * <p>Every read but {@link #all} is confined to one tenant inside the store's query: another tenant's document is
 * not found. Access within a tenant (ACLs) is checked by the use-case ({@code CatalogService}), not here.
 *
 * <p>Written only after the index has committed the document's chunks, so the catalogue never lists a document the
 * index does not hold (see {@code docs/adr/0003-commit-discipline.md}).
 */
public interface DocumentStore {

    /** The tenant's document with this id; empty for another tenant's. */
    Optional<DocumentRecord> find(String tenant, String documentId);

    /** Documents of a tenant's collection, ordered by source. */
    List<DocumentRecord> list(String tenant, String collection);

    /** Every document of a tenant, ordered by collection and source. */
    List<DocumentRecord> list(String tenant);

    /** Every document of every tenant and collection, by id (for consistency checks). */
    List<DocumentRecord> all();

    /**
     * The documents found inside this one (archive members, attachments), ordered by source; not their own children.
     * The default filters {@link #list(String)}; stores with an index on the parent override it.
     */
    default List<DocumentRecord> children(String tenant, String parentId) {
        return list(tenant).stream()
                .filter(r -> r.parentId().filter(parentId::equals).isPresent())
                .sorted(java.util.Comparator.comparing(
                        (DocumentRecord r) -> r.info().source()))
                .toList();
    }

    /** Inserts the record, or replaces the one with the same id. */
    void upsert(DocumentRecord record);

    /** @return true when a record was deleted */
    boolean delete(String documentId);
}
