package dev.verity.guardrails;

import dev.verity.internal.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an ingestion-side guard concluded about one chunk; stored with the chunk in the index.
 *
 * @param guard which guard (and version) decided, e.g. {@code none} or {@code injection-rules@1}
 * @param action what to do with the chunk
 * @param labels what was found, e.g. {@code prompt_injection}, {@code pii:email}; empty when nothing
 */
public record GuardVerdict(String guard, Action action, List<String> labels) {
    /** The verdict of {@link ChunkGuard#none()}: nobody looked. */
    public static final GuardVerdict NOT_SCANNED = new GuardVerdict("none", Action.ALLOW, List.of());

    public GuardVerdict {
        Checks.nonBlank(guard, "guard");
        Objects.requireNonNull(action, "action");
        labels = List.copyOf(labels);
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
