package dev.verity.ingestion.sync;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sync remembers about one document it put into a collection: which source root it came from, the content it
 * had, and, for web pages, the validators for a conditional GET.
 *
 * <p>A document belongs to at most one root: when a second root syncs a file with the same name into the same
 * collection, the entry moves to that root, and only that root will ever delete the document.
 *
 * @param documentId the document's id (see {@link dev.verity.document.DocumentIds#documentId})
 * @param tenant the tenant owning the collection
 * @param collection the collection synced into
 * @param root the folder (absolute, normalized) or start URL the document was synced from
 * @param source the document's source name: a path relative to the folder, or the page's URL
 * @param contentSha256 SHA-256 of the content last synced
 * @param etag the page's {@code ETag}, when the server sent one
 * @param lastModified the page's {@code Last-Modified}, as sent, when the server sent one
 * @param syncedAt when the entry was last written
 */
public record SyncEntry(
        String documentId,
        String tenant,
        String collection,
        String root,
        String source,
        String contentSha256,
        Optional<String> etag,
        Optional<String> lastModified,
        Instant syncedAt) {
    public SyncEntry {
        Checks.nonBlank(documentId, "documentId");
        Checks.nonBlank(tenant, "tenant");
        Checks.nonBlank(collection, "collection");
        Checks.nonBlank(root, "root");
        Checks.nonBlank(source, "source");
        Checks.nonBlank(contentSha256, "contentSha256");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(syncedAt, "syncedAt");
    }
}
