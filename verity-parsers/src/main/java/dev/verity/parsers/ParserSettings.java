package dev.verity.parsers;

import dev.verity.internal.Checks;

/**
 * Limits that keep one hostile or oversized file from exhausting the ingestion workers.
 *
 * @param maxChars most characters of text one file may yield, e-mail attachments included; a file that yields more is
 *     rejected as too large rather than indexed in part
 * @param maxAttachments most e-mail attachments read per message, nested messages included; further attachments are
 *     skipped
 * @param maxAttachmentDepth how deep attached messages are followed: 1 reads the attachments of the message itself, 2
 *     also those of a message attached to it
 */
public record ParserSettings(int maxChars, int maxAttachments, int maxAttachmentDepth) {
    /** About 4,000 dense pages: beyond any real document, small enough to hold in memory twice. */
    public static final int DEFAULT_MAX_CHARS = 20_000_000;
    /** Enough for real mail; a message with hundreds of attachments is an archive, not a message. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 20;
    /** A forwarded message and its attachments, but not a matryoshka of forwards. */
    public static final int DEFAULT_MAX_ATTACHMENT_DEPTH = 2;

    public ParserSettings {
        Checks.positive(maxChars, "maxChars");
        Checks.nonNegative(maxAttachments, "maxAttachments");
        Checks.nonNegative(maxAttachmentDepth, "maxAttachmentDepth");
    }

    public static ParserSettings defaults() {
        return new ParserSettings(DEFAULT_MAX_CHARS, DEFAULT_MAX_ATTACHMENTS, DEFAULT_MAX_ATTACHMENT_DEPTH);
    }

    public ParserSettings withMaxChars(int chars) {
        return new ParserSettings(chars, maxAttachments, maxAttachmentDepth);
    }

    public ParserSettings withMaxAttachments(int count) {
        return new ParserSettings(maxChars, count, maxAttachmentDepth);
    }

    public ParserSettings withMaxAttachmentDepth(int depth) {
        return new ParserSettings(maxChars, maxAttachments, depth);
    }
}
