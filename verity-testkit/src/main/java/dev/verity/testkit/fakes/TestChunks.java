package dev.verity.testkit.fakes;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.internal.Hashing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds documents of chunks for index and store tests.
 *
 * <pre>{@code
 * DocumentInfo doc = TestChunks.document("handbook.pdf").collection("hr").acl("hr").build();
 * List<Chunk> chunks = TestChunks.chunks(doc, "Staff get 25 days of leave.", "Sick leave is unlimited.");
 * }</pre>
 */
public final class TestChunks {
    public static final Instant DEFAULT_INGESTED_AT = Instant.parse("2026-01-15T10:00:00Z");

    private TestChunks() {}

    public static Builder document(String source) {
        return new Builder(source);
    }

    /** One chunk per text, in order, on consecutive pages, with offsets as if the texts were joined by blank lines. */
    public static List<Chunk> chunks(DocumentInfo doc, String... texts) {
        List<Chunk> chunks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            Location location = new Location(
                    i + 1, i + 1, List.of(doc.title(), "Section " + (i + 1)), new Span(offset, offset + text.length()));
            offset += text.length() + 2;
            String context = doc.title();
            chunks.add(new Chunk(
                    DocumentIds.chunkId(doc.id(), doc.version(), i),
                    doc,
                    i,
                    ChunkKind.PROSE,
                    text,
                    context,
                    location,
                    Hashing.sha256(Chunk.searchText(context, text)),
                    text.split("\\s+").length));
        }
        return chunks;
    }

    /** Builds a {@link DocumentInfo} with sensible defaults for everything not set. */
    public static final class Builder {
        private final String source;
        private String collection = DocumentIds.DEFAULT_COLLECTION;
        private String tenant = DocumentIds.DEFAULT_TENANT;
        private Set<String> acl = Set.of();
        private int version = 1;
        private String mediaType = "application/pdf";
        private String language = "en";
        private String sha = Hashing.sha256("content");
        private Instant ingestedAt = DEFAULT_INGESTED_AT;
        private String title;

        private Builder(String source) {
            this.source = source;
            this.title = source;
        }

        public Builder collection(String value) {
            collection = value;
            return this;
        }

        public Builder tenant(String value) {
            tenant = value;
            return this;
        }

        public Builder acl(String... principals) {
            acl = Set.of(principals);
            return this;
        }

        public Builder version(int value) {
            version = value;
            return this;
        }

        public Builder mediaType(String value) {
            mediaType = value;
            return this;
        }

        public Builder language(String value) {
            language = value;
            return this;
        }

        public Builder contentSha256(String value) {
            sha = value;
            return this;
        }

        public Builder ingestedAt(Instant value) {
            ingestedAt = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public DocumentInfo build() {
            return new DocumentInfo(
                    DocumentIds.documentId(tenant, collection, source),
                    version,
                    collection,
                    tenant,
                    acl,
                    source,
                    title,
                    mediaType,
                    language,
                    sha,
                    ingestedAt);
        }
    }
}
