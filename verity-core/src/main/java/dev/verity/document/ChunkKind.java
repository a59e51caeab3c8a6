package dev.verity.document;

/** Which chunking strategy produced a chunk. */
public enum ChunkKind {
    PROSE,
    TABLE,
    SLIDE,
    EMAIL,
    /** A {@link Block.Note} (comment, speaker notes, header…), cut apart from the body; see {@link Location#passage()}. */
    NOTE
}
