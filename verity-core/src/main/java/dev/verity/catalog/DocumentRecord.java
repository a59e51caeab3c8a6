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
 */
public record DocumentRecord(
        DocumentInfo info, int chunkCount, long sizeBytes, int pageCount, Optional<ParseQuality> quality) {
    public DocumentRecord {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(quality, "quality");
    }

    /** A record without a parse-quality report. */
    public DocumentRecord(DocumentInfo info, int chunkCount, long sizeBytes, int pageCount) {
        this(info, chunkCount, sizeBytes, pageCount, Optional.empty());
    }

    public String id() {
        return info.id();
    }
}
