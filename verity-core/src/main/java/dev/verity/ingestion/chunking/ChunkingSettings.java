package dev.verity.ingestion.chunking;

import dev.verity.internal.Checks;

/**
 * @param maxTokens budget per chunk for context plus text, counted with the embedding model's tokenizer. A single
 *     table row over budget is kept whole (a row never loses its cells); prose is split at sentence, then word
 *     boundaries.
 */
public record ChunkingSettings(int maxTokens) {
    /**
     * Default budget. Well under bge-small's 512-token window (room for the context line and special tokens), and small
     * enough that a chunk is about one topic, which keeps extractive answers and citations precise.
     */
    public static final int DEFAULT_MAX_TOKENS = 300;

    /** The smallest budget that still leaves room for a context line and a sentence. */
    public static final int MIN_MAX_TOKENS = 32;

    public ChunkingSettings {
        if (maxTokens < MIN_MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be >= " + MIN_MAX_TOKENS + ", got " + maxTokens);
        }
        Checks.positive(maxTokens, "maxTokens");
    }

    public static ChunkingSettings defaults() {
        return new ChunkingSettings(DEFAULT_MAX_TOKENS);
    }
}
