package dev.verity.parsers;

/**
 * Counts the characters a parse has produced against {@link ParserSettings#maxChars()}. Shared by a message and its
 * attachments. Once exceeded it stays exceeded, so a parser library that swallows the exception still cannot turn the
 * file into a silently truncated document.
 */
final class TextBudget {
    private final int max;
    private long used;
    private boolean exceeded;

    TextBudget(int max) {
        this.max = max;
    }

    /** Records {@code chars} more characters of output. */
    void charge(long chars) {
        used += chars;
        check(0);
    }

    /** Fails early when text still being gathered ({@code pending} characters) can no longer fit. */
    void check(long pending) {
        if (used + pending > max) {
            exceeded = true;
            throw new TextLimitExceededException(max);
        }
    }

    /** The characters still allowed, for an attachment that must fit in what its message left. */
    int remaining() {
        return (int) Math.max(0, max - used);
    }

    boolean exceeded() {
        return exceeded;
    }

    int max() {
        return max;
    }
}
