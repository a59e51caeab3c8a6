package dev.verity.catalog;

import dev.verity.document.DocumentInfo;
import dev.verity.document.ParseQuality;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue entry of one indexed document: its current version and what ingestion found.
 *
 * @param info identity, provenance and access of the current version
 * @param chunkCount chunks in the index for this version
 * @param sizeBytes size of the original file
 * @param pageCount pages or slides, 0 when the format has none
 * @param quality how well the file was read (pages without text, OCR, tables, warnings); empty for documents
 *     ingested before Verity kept these reports
 * @param parentId the document this one was found inside (an archive member, an attachment), empty for a file
 *     ingested on its own; a child shares its parent's collection, tenant and ACL and goes with it
 */
public record DocumentRecord(
        DocumentInfo info,
        int chunkCount,
        long sizeBytes,
        int pageCount,
        Optional<ParseQuality> quality,
        Optional<String> parentId) {
    public DocumentRecord {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(parentId, "parentId");
    }

    /** A record of a file ingested on its own. */
    public DocumentRecord(
            DocumentInfo info, int chunkCount, long sizeBytes, int pageCount, Optional<ParseQuality> quality) {
        this(info, chunkCount, sizeBytes, pageCount, quality, Optional.empty());
    }

    /** A record without a parse-quality report. */
    public DocumentRecord(DocumentInfo info, int chunkCount, long sizeBytes, int pageCount) {
        this(info, chunkCount, sizeBytes, pageCount, Optional.empty());
    }

    /** The same record, found inside the document {@code parent}. */
    public DocumentRecord withParent(Optional<String> parent) {
        return new DocumentRecord(info, chunkCount, sizeBytes, pageCount, quality, parent);
    }

    public String id() {
        return info.id();
    }
}
