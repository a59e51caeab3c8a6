package dev.verity.guardrails;

import dev.verity.document.Chunk;

/**
 * The ingestion-side guard: every chunk passes it before it is embedded and indexed (prompt-injection and PII
 * scanners plug in here). Its verdict is stored with the chunk; {@link GuardVerdict.Action#BLOCK} keeps the chunk out
 * of the index. Implementations must be thread-safe: ingestion workers call it in parallel.
 */
@FunctionalInterface
public interface ChunkGuard {

    GuardVerdict inspect(Chunk chunk);

    /** Lets everything through, unscanned. */
    static ChunkGuard none() {
        return chunk -> GuardVerdict.NOT_SCANNED;
    }
}
