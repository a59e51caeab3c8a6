package dev.verity.guardrails;

import dev.verity.internal.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Guard} concluded about one question, chunk or answer. A chunk's verdict is stored with the chunk in
 * the index (guard, action and labels: the reason is for the moment it is given, not for storage).
 *
 * @param guard which guard (and version) decided, e.g. {@code none} or {@code injection-rules@1}
 * @param action what to do with the subject
 * @param labels what was found, e.g. {@code prompt_injection}, {@code pii:email}; empty when nothing
 * @param reason why, in words a caller may read; empty when the guard allowed without remark
 */
public record GuardVerdict(String guard, Action action, List<String> labels, String reason) {
    /** The verdict of {@link Guard#allowAll()} and {@link ChunkGuard#none()}: nobody looked. */
    public static final GuardVerdict NOT_SCANNED = new GuardVerdict("none", Action.ALLOW, List.of());

    public GuardVerdict {
        Checks.nonBlank(guard, "guard");
        Objects.requireNonNull(action, "action");
        labels = List.copyOf(labels);
        Objects.requireNonNull(reason, "reason");
    }

    /** A verdict without a reason, as chunk verdicts are stored. */
    public GuardVerdict(String guard, Action action, List<String> labels) {
        this(guard, action, labels, "");
    }

    /** {@code guard} looked and found nothing. */
    public static GuardVerdict allow(String guard) {
        return new GuardVerdict(guard, Action.ALLOW, List.of());
    }

    /** {@code guard} refuses the subject. */
    public static GuardVerdict block(String guard, String reason, List<String> labels) {
        return new GuardVerdict(guard, Action.BLOCK, labels, reason);
    }

    /** True when the subject must not go further. */
    public boolean blocks() {
        return action == Action.BLOCK;
    }

    public enum Action {
        /** Index and use it as usual. */
        ALLOW,
        /** Index it, marked: answers may use it with care (e.g. spotlighted harder, or shown with a warning). */
        FLAG,
        /** Do not index it. */
        BLOCK;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
