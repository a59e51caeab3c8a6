package dev.verity.guardrails.pii;

import dev.verity.document.ParsedDocument;

/**
 * Removes personal data from a parsed document before it is chunked, embedded and indexed, for the collections that
 * ask for it: what is redacted is never stored, searched or quoted (the original file keeps it).
 *
 * <p>Implementations: {@link #none()} (the default) and {@link PiiMasking} (masks what a {@link PiiDetector} finds,
 * keeping every offset). Must be thread-safe: ingestion workers call it in parallel.
 */
@FunctionalInterface
public interface DocumentRedaction {

    /** {@code document} as it may be stored in {@code collection}; the same object when nothing changes. */
    ParsedDocument redact(String collection, ParsedDocument document);

    /** Stores documents as parsed. */
    static DocumentRedaction none() {
        return (collection, document) -> document;
    }
}
