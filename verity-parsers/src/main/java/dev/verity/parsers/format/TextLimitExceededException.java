package dev.verity.parsers.format;

/**
 * Aborts a parse whose text outgrew {@code ParserSettings.maxChars()}. Unchecked so that it can cross parser
 * libraries and SAX handlers; {@link Failures} maps it, wherever it is wrapped, to a {@code TOO_LARGE} rejection.
 */
public final class TextLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TextLimitExceededException(int max) {
        super("the text exceeds " + max + " characters", null, false, false);
    }
}
