package dev.verity.ingestion.consistency;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.catalog.BlobStore;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.ConsistencyReport;
import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.catalog.OriginalReferences;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.identity.Caller;
import dev.verity.index.Index;
import dev.verity.index.IndexedDocument;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.ingestion.jobs.IngestionWorkers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The documents of the catalogue as a use-case: list, find and delete them, and check that the catalogue (database),
 * the index and the stored originals agree, repairing what drifted. Each part is built when first needed: listing
 * needs the database alone, a check also reads the index, deleting and repairing need the index's write lock.
 *
 * <p>Access: {@link #list}, {@link #find}, {@link #collections} and {@link #delete} act for a {@link Caller}, confined
 * to the caller's tenant (inside the store's query) and to the documents whose ACL shares a principal with the caller
 * ({@link DocumentInfo#visibleTo}). A document the caller cannot see is treated exactly as one that does not exist:
 * list omits it, find is empty and delete returns false, so a caller never learns that it exists. {@link #check} and
 * {@link #repair} are the operator's, over every tenant.
 *
 * <p>{@link #repair} works in four steps:
 * <ol>
 *   <li>delete from the index the documents nothing catalogues, and commit;
 *   <li>re-ingest, from their stored originals, the documents the index lacks, holds in another version or holds in
 *       several versions (one batch per tenant, collection and ACL);
 *   <li>leave the documents without a stored original, reporting them: only their source can bring them back;
 *   <li>delete the stored originals nothing needs any more.
 * </ol>
 */
public final class CatalogService {
    private final DocumentStore documents;
    private final Supplier<Index> index;
    private final Supplier<Catalog> catalog;
    private final BlobStore blobs;
    private final OriginalReferences references;
    private final Supplier<IngestionJobs> ingestion;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param index the index as this process opened it (read-only for a check beside a running server)
     * @param catalog deletes documents; needs the index's write lock
     * @param ingestion re-ingests drifted documents; needs the index's write lock
     */
    public CatalogService(
            DocumentStore documents,
            Supplier<Index> index,
            Supplier<Catalog> catalog,
            BlobStore blobs,
            OriginalReferences references,
            Supplier<IngestionJobs> ingestion,
            AuditLog audit,
            Clock clock) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.index = Objects.requireNonNull(index, "index");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.references = Objects.requireNonNull(references, "references");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@link #repair} did, in the order it did it. */
    public record Repair(
            List<IndexedDocument> removedFromIndex,
            List<DocumentRecord> withoutOriginal,
            List<IngestResult> reingested,
            int deletedOriginals) {

        public Repair {
            removedFromIndex = List.copyOf(removedFromIndex);
            withoutOriginal = List.copyOf(withoutOriginal);
            reingested = List.copyOf(reingested);
            if (deletedOriginals < 0) {
                throw new IllegalArgumentException("deletedOriginals must be >= 0, got " + deletedOriginals);
            }
        }
    }

    /** A collection as a caller sees it: its name and how many of its documents the caller can see (at least 1). */
    public record CollectionSummary(String name, int documents) {
        public CollectionSummary {
            DocumentIds.requireCollection(name);
            if (documents < 1) {
                throw new IllegalArgumentException("documents must be >= 1, got " + documents);
            }
        }
    }

    /** The documents of a collection the caller can see, ordered by source. */
    public List<DocumentRecord> list(Caller caller, String collection) {
        return documents.list(caller.tenant(), DocumentIds.requireCollection(collection)).stream()
                .filter(r -> visible(caller, r))
                .toList();
    }

    /**
     * The collections of the caller's tenant in which the caller can see at least one document, by name, each with the
     * number of documents the caller can see (a collection holding only documents hidden from the caller is not listed).
     */
    public List<CollectionSummary> collections(Caller caller) {
        Map<String, Integer> counts = new TreeMap<>();
        for (DocumentRecord record : documents.list(caller.tenant())) {
            if (visible(caller, record)) {
                counts.merge(record.info().collection(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new CollectionSummary(e.getKey(), e.getValue()))
                .toList();
    }

    /** The document, when it is in this collection of the caller's tenant and the caller can see it. */
    public Optional<DocumentRecord> find(Caller caller, String collection, String documentId) {
        return documents
                .find(caller.tenant(), documentId)
                .filter(r -> r.info().collection().equals(collection) && visible(caller, r));
    }

    /**
     * Deletes a document the caller can see from the index, then from the catalogue, then its original once nothing
     * needs it.
     *
     * @return false when the collection holds no such document the caller can see (nothing is changed)
     */
    public boolean delete(Caller caller, String collection, String documentId) {
        if (find(caller, collection, documentId).isEmpty()) {
            return false;
        }
        boolean deleted = catalog.get().delete(caller.tenant(), collection, documentId);
        if (deleted) {
            audit.append(new AuditEvent(
                    clock.instant(),
                    AuditEvent.DELETE,
                    caller.actor(),
                    caller.tenant(),
                    documentId,
                    AuditEvent.OK,
                    Map.of("collection", collection)));
        }
        return deleted;
    }

    private static boolean visible(Caller caller, DocumentRecord record) {
        return record.info().visibleTo(caller.principals());
    }

    /** Compares the catalogue, the index and the stored originals. */
    public ConsistencyReport check() {
        Index searched = index.get();
        return ConsistencyReport.compare(documents.all(), searched.documents(), blobs.list(), references.referenced());
    }

    /** Repairs what {@code report} found (see the class documentation); check again to see the result. */
    public Repair repair(ConsistencyReport report) {
        Index written = index.get();
        for (IndexedDocument orphan : report.notCatalogued()) {
            written.deleteDocument(orphan.documentId());
        }
        written.commit();
        List<DocumentRecord> reingest = new ArrayList<>(report.missingFromIndex());
        report.mismatched().forEach(m -> reingest.add(m.catalogue()));
        documents.all().stream()
                .filter(r -> report.mixedVersions().contains(r.id()))
                .forEach(reingest::add);
        Map<IngestOptions, List<SourceFile>> batches = new LinkedHashMap<>();
        List<DocumentRecord> withoutOriginal = new ArrayList<>();
        for (DocumentRecord record : reingest) {
            Optional<Path> original = blobs.path(record.info().contentSha256());
            if (original.isEmpty()) {
                withoutOriginal.add(record);
                continue;
            }
            IngestOptions options = new IngestOptions(
                    record.info().tenant(),
                    record.info().collection(),
                    record.info().acl());
            batches.computeIfAbsent(options, o -> new ArrayList<>())
                    .add(new SourceFile(original.get(), record.info().source()));
        }
        List<IngestResult> reingested = new ArrayList<>();
        for (Map.Entry<IngestOptions, List<SourceFile>> batch : batches.entrySet()) {
            reingested.addAll(
                    ingestion.get().ingest(batch.getValue(), batch.getKey(), IngestionWorkers.Listener.none()));
        }
        for (String sha : references.unreferenced(report.unusedOriginals())) {
            blobs.delete(sha);
        }
        return new Repair(
                report.notCatalogued(),
                withoutOriginal,
                reingested,
                report.unusedOriginals().size());
    }
}
