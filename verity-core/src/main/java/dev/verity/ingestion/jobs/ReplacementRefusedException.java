package dev.verity.ingestion.jobs;

import java.util.Objects;

/**
 * An upload refused because one of its files would replace a document the caller cannot see (same tenant, collection
 * and file name, an ACL the caller's principals do not share). Nothing was stored or queued.
 *
 * <p>The message names only what the caller sent (the file name and collection): never the hidden document's id, ACL,
 * title or content. What the refusal itself reveals — that the name is taken — is the least a refusal can reveal; the
 * HTTP API answers 409 Conflict with it, exactly as it would for a name the caller could not use for another reason.
 */
public final class ReplacementRefusedException extends RuntimeException {
    private final String source;

    public ReplacementRefusedException(String collection, String source) {
        super("cannot store \"" + source + "\" in collection " + collection
                + ": the name cannot be used by this caller; rename the file and upload it again");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The file name refused, as sent. */
    public String source() {
        return source;
    }
}
