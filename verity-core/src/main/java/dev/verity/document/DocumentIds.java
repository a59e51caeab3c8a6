package dev.verity.document;

import dev.verity.internal.Checks;
import dev.verity.internal.Hashing;
import java.util.regex.Pattern;

/** Identifiers and names: how they are derived and which ones are valid. */
public final class DocumentIds {
    /** Collections are folder-, URL- and index-safe names. */
    public static final Pattern COLLECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public static final String DEFAULT_COLLECTION = "default";
    public static final String DEFAULT_TENANT = "default";

    /** Hex characters of the hash kept in a document id: 80 bits, collision-free for any realistic corpus. */
    private static final int ID_HEX_CHARS = 20;

    private DocumentIds() {}

    /**
     * The id of the document at {@code source} in {@code collection} of the {@linkplain #DEFAULT_TENANT default tenant}
     * (the CLI's, and that of documents ingested before tenants existed): {@code documentId(DEFAULT_TENANT, …)}.
     */
    public static String documentId(String collection, String source) {
        return documentId(DEFAULT_TENANT, collection, source);
    }

    /**
     * The id of the document at {@code source} in {@code collection} of {@code tenant}. It is stable across versions,
     * so re-ingesting a changed file replaces its chunks instead of adding a second document; two tenants uploading
     * the same file name into collections of the same name get two documents. The default tenant's ids are those
     * Verity derived before tenants existed (collection and source only), so existing catalogues keep their ids.
     */
    public static String documentId(String tenant, String collection, String source) {
        String key = tenant.equals(DEFAULT_TENANT)
                ? collection + '\n' + source
                : Checks.nonBlank(tenant, "tenant")
                        + '\u0000'
                        + collection
                        + '\n'
                        + source; // NUL: no collection has one
        return "doc_" + Hashing.sha256(key).substring(0, ID_HEX_CHARS);
    }

    /** The id of one chunk of one version of a document. */
    public static String chunkId(String documentId, int version, int ordinal) {
        return "%s-v%d-%04d".formatted(documentId, version, ordinal);
    }

    public static String requireCollection(String name) {
        Checks.nonBlank(name, "collection");
        if (!COLLECTION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("collection must match " + COLLECTION_NAME.pattern()
                    + " (lower-case letters, digits, '_' and '-', at most 64), got \"" + name + "\"");
        }
        return name;
    }
}
