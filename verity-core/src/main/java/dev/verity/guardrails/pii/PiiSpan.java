package dev.verity.guardrails.pii;

import java.util.Objects;

/**
 * One piece of personal data found in a text: its kind and where it is, as {@link String#substring(int, int)} takes
 * it (UTF-16 offsets, {@code end} exclusive).
 *
 * @param type what was found
 * @param start the offset of its first character
 * @param end the offset just after its last character; greater than {@code start}
 */
public record PiiSpan(PiiType type, int start, int end) {
    public PiiSpan {
        Objects.requireNonNull(type, "type");
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative: " + start);
        }
        if (end <= start) {
            throw new IllegalArgumentException("end must be greater than start: " + start + "-" + end);
        }
    }

    /** How many characters the span covers. */
    public int length() {
        return end - start;
    }

    /** The text the span covers in {@code text}, the text it was found in. */
    public String in(String text) {
        return text.substring(start, end);
    }

    /** True when the two spans share at least one character. */
    public boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }
}
