package dev.verity.parsers.format;

/**
 * Counts the characters a parse has produced against {@code ParserSettings.maxChars()}. Shared by a message and its
 * attachments. Once exceeded it stays exceeded, so a parser library that swallows the exception still cannot turn the
 * file into a silently truncated document.
 */
public final class TextBudget {
    private final int max;
    private long used;
    private boolean exceeded;

    public TextBudget(int max) {
        this.max = max;
    }

    /** Records {@code chars} more characters of output. */
    public void charge(long chars) {
        used += chars;
        check(0);
    }

    /** Fails early when text still being gathered ({@code pending} characters) can no longer fit. */
    public void check(long pending) {
        if (used + pending > max) {
            exceeded = true;
            throw new TextLimitExceededException(max);
        }
    }

    /** The characters still allowed, for an attachment that must fit in what its message left. */
    public int remaining() {
        return (int) Math.max(0, max - used);
    }

    public boolean exceeded() {
        return exceeded;
    }

    public int max() {
        return max;
    }
}
