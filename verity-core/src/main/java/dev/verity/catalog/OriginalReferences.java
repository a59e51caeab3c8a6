package dev.verity.catalog;

import java.util.Collection;
import java.util.Set;

/**
 * Knows which stored originals are still needed, so a deletion removes an original only when nothing refers to it.
 * The durable job queue implements it ({@code JobStore}): a queued or quarantined job needs its original as much as an
 * indexed document does. Implementations: {@code JdbcJobStore} in {@code verity-jdbc}, through {@code JobStore}.
 */
public interface OriginalReferences {

    /**
     * Of these content hashes, the ones nothing needs any more: no document has them as its content and no job that
     * is queued, running or quarantined refers to them. Their originals may be deleted.
     */
    Set<String> unreferenced(Collection<String> sha256s);

    /**
     * Every content hash something still needs: the content of every catalogued document and the original of every
     * job that is queued, running or quarantined. {@code verity check} compares it with the stored originals.
     */
    Set<String> referenced();
}
