package dev.verity.guardrails;

import java.util.Objects;

/**
 * What a {@link RewritingGuard} let through: the subject as it may go on — the original, or a changed copy (markup
 * stripped, personal data masked) — and the verdict. When the verdict blocks, the subject must not be used either.
 *
 * @param subject the subject to use from here on
 * @param verdict what the guard concluded; {@code FLAG} with labels when it changed the subject
 */
public record Guarded<T>(T subject, GuardVerdict verdict) {
    public Guarded {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(verdict, "verdict");
    }
}
