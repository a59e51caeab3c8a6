package dev.verity.guardrails;

/**
 * A {@link Guard} that may also change what it inspects instead of only judging it: an answer guard that strips
 * unsafe markup or masks personal data returns the cleaned answer with its verdict. Where a rewriting guard is given
 * as a plain {@code Guard}, the caller that knows how to use the rewritten subject (the query service, for answers)
 * recognises it; elsewhere only its verdict counts.
 *
 * <p>Implementations: {@code AnswerGuard} (verity-guards: links and images to hosts off an allowlist, raw HTML, the
 * system-prompt canary, personal data by policy).
 *
 * <p>Trap: the rewritten subject must still be true to its sources — an answer's quotes must stay verbatim substrings
 * of their chunks, so the caller verifies them again after any change.
 *
 * @param <T> what it inspects and rewrites
 */
public interface RewritingGuard<T> extends Guard<T> {

    /** The subject as it may go on, and the verdict; never null. */
    Guarded<T> guard(T subject);

    @Override
    default GuardVerdict check(T subject) {
        return guard(subject).verdict();
    }
}
