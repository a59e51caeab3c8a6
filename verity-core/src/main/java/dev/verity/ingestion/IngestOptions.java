package dev.verity.ingestion;

import dev.verity.document.DocumentIds;
import dev.verity.identity.Principals;
import java.util.Set;
import java.util.TreeSet;

/**
 * @param tenant the tenant owning the collection
 * @param collection where documents go
 * @param acl principals allowed to see them, normalised by {@link Principals}; empty means everyone in the collection
 */
public record IngestOptions(String tenant, String collection, Set<String> acl) {
    public IngestOptions {
        dev.verity.internal.Checks.nonBlank(tenant, "tenant");
        DocumentIds.requireCollection(collection);
        acl = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(Principals.normalise(acl)));
    }

    public static IngestOptions into(String collection) {
        return new IngestOptions(DocumentIds.DEFAULT_TENANT, collection, Set.of());
    }

    public IngestOptions withAcl(Set<String> principals) {
        return new IngestOptions(tenant, collection, principals);
    }
}
