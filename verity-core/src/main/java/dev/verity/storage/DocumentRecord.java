package dev.verity.storage;

import dev.verity.document.DocumentInfo;
import java.util.Objects;

/**
 * The catalogue entry of one indexed document: its current version and what ingestion found.
 *
 * @param info identity, provenance and access of the current version
 * @param chunkCount chunks in the index for this version
 * @param sizeBytes size of the original file
 * @param pageCount pages or slides, 0 when the format has none
 */
public record DocumentRecord(DocumentInfo info, int chunkCount, long sizeBytes, int pageCount) {
    public DocumentRecord {
        Objects.requireNonNull(info, "info");
    }

    public String id() {
        return info.id();
    }
}
