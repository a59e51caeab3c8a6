package dev.verity.ingestion.chunking;

import dev.verity.document.ParsedDocument;
import java.util.List;

/**
 * Cuts a parsed document into passages for retrieval. Implementations: {@link StructureAwareChunker}.
 *
 * <p>Contract: drafts come in reading order, none is blank, and their spans point into {@link ParsedDocument#text()}.
 */
public interface Chunker {

    List<ChunkDraft> chunk(ParsedDocument document);
}
