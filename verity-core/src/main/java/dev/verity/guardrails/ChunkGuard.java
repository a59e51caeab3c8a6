package dev.verity.guardrails;

import dev.verity.document.Chunk;

/**
 * The ingestion-side {@link Guard}: every chunk passes it before it is embedded and indexed (prompt-injection and PII
 * scanners plug in here). Its verdict is stored with the chunk (guard, action and labels; not the reason);
 * {@link GuardVerdict.Action#BLOCK} keeps the chunk out of the index. Implementations must be thread-safe: ingestion
 * workers call it in parallel. Implementations: {@link #none()}.
 */
@FunctionalInterface
public interface ChunkGuard extends Guard<Chunk> {

    /** Lets everything through, unscanned. */
    static ChunkGuard none() {
        return chunk -> GuardVerdict.NOT_SCANNED;
    }
}
