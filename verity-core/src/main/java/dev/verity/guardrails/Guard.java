package dev.verity.guardrails;

import dev.verity.internal.Checks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Inspects one subject on its way through Verity and says what to do with it: a question before retrieval, a chunk
 * before indexing ({@link ChunkGuard}), an answer before it is returned. The verdict is a returned value —
 * {@link GuardVerdict.Action#ALLOW}, {@code FLAG} or {@code BLOCK} with labels and a reason — never an exception: an
 * exception means the guard itself failed.
 *
 * <p>Implementations: {@link #allowAll()} (the default: lets everything through, unscanned), {@link #blockAll}
 * (refuses everything, e.g. to close a collection or in tests) and {@link #strictest} (several guards as one); in
 * verity-guards the question, chunk and answer guards and the moderation classifier. Prompt-injection and PII scanners, rule-based or
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

    /**
     * Runs every guard and returns the strictest verdict (block over flag over allow; the first of equals), with the
     * labels of every guard that did not allow: how a classifier is combined with the rules. Guards that allow without
     * a remark leave no trace; when all allow, the first guard's verdict is returned.
     */
    @SafeVarargs
    static <T> Guard<T> strictest(Guard<T>... guards) {
        List<Guard<T>> all = List.of(guards);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("strictest needs at least one guard");
        }
        return subject -> {
            GuardVerdict strictest = null;
            Set<String> labels = new LinkedHashSet<>();
            for (Guard<T> guard : all) {
                GuardVerdict verdict = Objects.requireNonNull(guard.check(subject), "a guard returned no verdict");
                if (verdict.action() != GuardVerdict.Action.ALLOW) {
                    labels.addAll(verdict.labels());
                }
                if (strictest == null || verdict.action().compareTo(strictest.action()) > 0) {
                    strictest = verdict;
                }
            }
            return strictest.action() == GuardVerdict.Action.ALLOW
                    ? strictest
                    : new GuardVerdict(strictest.guard(), strictest.action(), List.copyOf(labels), strictest.reason());
        };
    }

    /** Blocks everything with the same verdict, named {@code guard}, giving {@code reason}. */
    static <T> Guard<T> blockAll(String guard, String reason) {
        GuardVerdict verdict = GuardVerdict.block(guard, Checks.nonBlank(reason, "reason"), List.of());
        return subject -> verdict;
    }
}
