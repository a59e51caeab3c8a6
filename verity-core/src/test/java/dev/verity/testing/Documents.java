package dev.verity.testing;

import dev.verity.catalog.DocumentRecord;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import java.time.Instant;
import java.util.Set;

/** Catalogue records for core unit tests (the testkit's {@code TestChunks} is not on the core's test path). */
public final class Documents {
    private Documents() {}

    /** A one-chunk record of {@code source} in a tenant's collection, visible to {@code acl} (empty: everyone). */
    public static DocumentRecord record(String tenant, String collection, String source, Set<String> acl) {
        DocumentInfo info = new DocumentInfo(
                DocumentIds.documentId(tenant, collection, source),
                1,
                collection,
                tenant,
                acl,
                source,
                source,
                "text/plain",
                "en",
                "0".repeat(64),
                Instant.parse("2026-11-23T10:00:00Z"));
        return new DocumentRecord(info, 1, 10, 1);
    }
}
