package dev.verity.document;

/** Which chunking strategy produced a chunk. */
public enum ChunkKind {
    PROSE,
    TABLE,
    SLIDE,
    EMAIL
}
