package dev.verity.testing;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.internal.Hashing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Documents of plain passages written straight into an index, for core unit tests of retrieval and answering. */
public final class Passages {
    public static final Instant INGESTED_AT = Instant.parse("2026-01-15T10:00:00Z");

    private Passages() {}

    /** Version 1 of a public PDF in a collection of the default tenant. */
    public static DocumentInfo document(String source, String collection, Set<String> acl) {
        return new DocumentInfo(
                DocumentIds.documentId(collection, source),
                1,
                collection,
                DocumentIds.DEFAULT_TENANT,
                acl,
                source,
                source,
                "application/pdf",
                "en",
                Hashing.sha256(source),
                INGESTED_AT);
    }

    /**
     * Replaces the document's chunks with one chunk per text, one page each, embedded by {@link WordVectors}, and
     * commits; returns the chunks in order.
     */
    public static List<Chunk> put(Index index, DocumentInfo doc, String... texts) {
        List<Chunk> chunks = new ArrayList<>();
        List<IndexedChunk> indexed = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < texts.length; i++) {
            Location location = new Location(i + 1, i + 1, List.of(), new Span(offset, offset + texts[i].length()));
            offset += texts[i].length() + 2;
            Chunk chunk = new Chunk(
                    DocumentIds.chunkId(doc.id(), doc.version(), i),
                    doc,
                    i,
                    ChunkKind.PROSE,
                    texts[i],
                    "",
                    location,
                    Hashing.sha256(texts[i]),
                    texts[i].split("\\s+").length);
            chunks.add(chunk);
            indexed.add(new IndexedChunk(chunk, WordVectors.embed(chunk.searchText())));
        }
        index.replaceDocument(doc.id(), indexed);
        index.commit();
        return chunks;
    }
}
