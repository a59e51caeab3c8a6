package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.catalog.DocumentRecord;
import dev.verity.document.DocumentInfo;
import java.util.List;

/**
 * A document of a collection on the wire, as listed by {@code verity docs --json} and the HTTP API. {@code quality}
 * is its parse-quality report ({@link QualityView}), null for documents ingested before Verity kept one;
 * {@code parent_id} the document it was found inside (an archive), null for a file ingested on its own.
 */
public record DocumentView(
        @JsonProperty("document_id") String documentId,
        String source,
        String title,
        @JsonProperty("media_type") String mediaType,
        String language,
        int version,
        int chunks,
        int pages,
        @JsonProperty("size_bytes") long sizeBytes,
        List<String> acl,
        String sha256,
        @JsonProperty("ingested_at") String ingestedAt,
        QualityView quality,
        @JsonProperty("parent_id") String parentId) {

    public static DocumentView of(DocumentRecord record) {
        DocumentInfo info = record.info();
        return new DocumentView(
                info.id(),
                info.source(),
                info.title(),
                info.mediaType(),
                info.language(),
                info.version(),
                record.chunkCount(),
                record.pageCount(),
                record.sizeBytes(),
                List.copyOf(info.acl()),
                info.contentSha256(),
                info.ingestedAt().toString(),
                record.quality().map(QualityView::of).orElse(null),
                record.parentId().orElse(null));
    }
}
