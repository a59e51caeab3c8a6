package dev.verity.document;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every chunk of one document version shares: identity, provenance and access.
 *
 * @param id stable document id, derived from collection and source (see {@link DocumentIds})
 * @param version 1 for the first ingestion, incremented each time the content changes
 * @param collection the collection it belongs to
 * @param tenant the tenant owning the collection
 * @param acl principals allowed to see it; empty means everyone in the collection
 * @param source the file name as ingested (a relative path when a folder was ingested)
 * @param title the document's title
 * @param mediaType detected media type
 * @param language ISO 639-1 code, or {@code "und"}
 * @param contentSha256 SHA-256 of the original file
 * @param ingestedAt when this version was ingested
 */
public record DocumentInfo(
        String id,
        int version,
        String collection,
        String tenant,
        Set<String> acl,
        String source,
        String title,
        String mediaType,
        String language,
        String contentSha256,
        Instant ingestedAt) {

    public DocumentInfo {
        Checks.nonBlank(id, "id");
        Checks.positive(version, "version");
        Checks.nonBlank(collection, "collection");
        Checks.nonBlank(tenant, "tenant");
        acl = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(acl, "acl")));
        Checks.nonBlank(source, "source");
        Objects.requireNonNull(title, "title");
        Checks.nonBlank(mediaType, "mediaType");
        Checks.nonBlank(language, "language");
        Checks.nonBlank(contentSha256, "contentSha256");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
    }

    /** True when the document is visible to every caller of its collection. */
    public boolean isPublic() {
        return acl.isEmpty();
    }

    /** True when a caller holding these principals may see the document. */
    public boolean visibleTo(Set<String> principals) {
        return acl.isEmpty() || principals.stream().anyMatch(acl::contains);
    }
}
