package dev.verity.index;

/** What the index holds of one document: the version and file hash its chunks came from, and how many there are. */
public record IndexedDocument(String documentId, int version, String contentSha256, int chunkCount) {}
