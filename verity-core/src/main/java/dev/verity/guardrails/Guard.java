package dev.verity.guardrails;

import dev.verity.internal.Checks;
import java.util.List;

/**
 * Inspects one subject on its way through Verity and says what to do with it: a question before retrieval, a chunk
 * before indexing ({@link ChunkGuard}), an answer before it is returned. The verdict is a returned value —
 * {@link GuardVerdict.Action#ALLOW}, {@code FLAG} or {@code BLOCK} with labels and a reason — never an exception: an
 * exception means the guard itself failed.
 *
 * <p>Implementations: {@link #allowAll()} (the default: lets everything through, unscanned) and {@link #blockAll}
 * (refuses everything, e.g. to close a collection or in tests). Prompt-injection and PII scanners, rule-based or
 * model-backed, plug in here. Implementations must be thread-safe: requests and ingestion workers call them in
 * parallel.
 *
 * <pre>{@code
 * Guard<String> questions = question -> question.contains("ignore previous instructions")
 *         ? GuardVerdict.block("injection-rules@1", "the question tries to override the instructions",
 *                 List.of("prompt_injection"))
 *         : GuardVerdict.allow("injection-rules@1");
 * }</pre>
 *
 * @param <T> what it inspects: {@code String} for questions, {@code Chunk}, {@code Answer}
 */
@FunctionalInterface
public interface Guard<T> {

    /** The verdict on {@code subject}; never null. */
    GuardVerdict check(T subject);

    /** Lets everything through, unscanned: its verdict is {@link GuardVerdict#NOT_SCANNED}. */
    static <T> Guard<T> allowAll() {
        return subject -> GuardVerdict.NOT_SCANNED;
    }

    /** Blocks everything with the same verdict, named {@code guard}, giving {@code reason}. */
    static <T> Guard<T> blockAll(String guard, String reason) {
        GuardVerdict verdict = GuardVerdict.block(guard, Checks.nonBlank(reason, "reason"), List.of());
        return subject -> verdict;
    }
}
