package dev.verity.testkit.contracts;

import dev.verity.embedding.TokenCounter;
import dev.verity.ingestion.chunking.Chunker;
import dev.verity.ingestion.chunking.ChunkingSettings;
import dev.verity.ingestion.chunking.StructureAwareChunker;

/** Core's chunker runs its contract here: core's own tests cannot see the testkit. */
class StructureAwareChunkerTest extends ChunkerContract {
    private static final int MAX_TOKENS = 64;

    @Override
    protected Chunker chunker() {
        return new StructureAwareChunker(tokens(), new ChunkingSettings(MAX_TOKENS));
    }

    @Override
    protected TokenCounter tokens() {
        return TokenCounter.whitespace();
    }

    @Override
    protected int maxTokens() {
        return MAX_TOKENS;
    }
}
