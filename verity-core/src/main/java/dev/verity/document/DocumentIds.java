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
     * The id of the document at {@code source} in {@code collection}. It is stable across versions, so re-ingesting a
     * changed file replaces its chunks instead of adding a second document.
     */
    public static String documentId(String collection, String source) {
        return "doc_" + Hashing.sha256(collection + '\n' + source).substring(0, ID_HEX_CHARS);
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
