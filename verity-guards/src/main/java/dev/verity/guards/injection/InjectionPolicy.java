package dev.verity.guards.injection;

import dev.verity.guardrails.GuardVerdict;
import java.util.Locale;

/**
 * What to do with a text given its injection score: flag it from {@code flagAt}, block it from {@code blockAt}.
 * Configured per kind of subject (questions, chunks) and, for chunks, per collection.
 *
 * @param flagAt the score from which a text is flagged, in (0, 1]
 * @param blockAt the score from which it is blocked, at least {@code flagAt}; above 1 ({@link #NEVER}) it never is
 */
public record InjectionPolicy(double flagAt, double blockAt) {
    /** A {@code blockAt} no score reaches. */
    public static final double NEVER = Double.POSITIVE_INFINITY;

    /**
     * Questions: flagged from 0.5 (one strong rule, or two weak ones), refused from 0.8 (a strong rule with support, or
     * an unambiguous one such as an instruction override): a refused question costs the user a rephrasing, not data.
     */
    public static final InjectionPolicy QUESTIONS = new InjectionPolicy(0.5, 0.8);

    /**
     * Chunks: flagged from 0.5 and indexed (kept out of extractive evidence, fenced in an LLM's context) but never
     * quarantined by default — a false alarm must not silently drop part of a document. Set {@code blockAt} to
     * quarantine.
     */
    public static final InjectionPolicy CHUNKS = new InjectionPolicy(0.5, NEVER);

    public InjectionPolicy {
        if (!(flagAt > 0 && flagAt <= 1)) {
            throw new IllegalArgumentException("flagAt must be in (0, 1]: " + flagAt);
        }
        if (!(blockAt >= flagAt)) {
            throw new IllegalArgumentException("blockAt must be at least flagAt (" + flagAt + "): " + blockAt);
        }
    }

    /** What to do with a text of injection score {@code score}. */
    public GuardVerdict.Action actionFor(double score) {
        if (score >= blockAt) {
            return GuardVerdict.Action.BLOCK;
        }
        return score >= flagAt ? GuardVerdict.Action.FLAG : GuardVerdict.Action.ALLOW;
    }

    /** The verdict named {@code guard} on a text in which {@code found} was detected. */
    GuardVerdict verdict(String guard, InjectionDetection found) {
        GuardVerdict.Action action = actionFor(found.score());
        if (action == GuardVerdict.Action.ALLOW) {
            return GuardVerdict.allow(guard);
        }
        String reason = String.format(
                Locale.ROOT,
                "looks like a prompt injection (score %.2f: %s)",
                found.score(),
                String.join(", ", found.labels()));
        return new GuardVerdict(guard, action, found.labels(), reason);
    }
}
