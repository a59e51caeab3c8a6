package dev.verity.parsers;

import dev.verity.internal.Checks;
import dev.verity.parsers.ocr.OcrSettings;

/**
 * Limits that keep one hostile or oversized file from exhausting the ingestion workers.
 *
 * @param maxChars most characters of text one file may yield, e-mail attachments included; a file that yields more is
 *     rejected as too large rather than indexed in part
 * @param maxAttachments most e-mail attachments read per message, nested messages included; further attachments are
 *     skipped
 * @param maxAttachmentDepth how deep attached messages are followed: 1 reads the attachments of the message itself, 2
 *     also those of a message attached to it
 * @param maxExpansionRatio how many times larger than its compressed size a zip entry may inflate, and how many
 *     characters of text per byte of input a container may yield once past the first million characters (Tika's
 *     {@code SecureContentHandler}); more is a zip bomb
 * @param maxNestingDepth how deep XML elements may nest in a document's content (a billion-laughs or nesting bomb
 *     goes far deeper than any real document)
 * @param maxImagePixels most pixels (width times height, as declared in the header) an image may have before it is
 *     decoded; a header can declare 100,000 by 100,000 pixels in a few bytes
 * @param ocr when and how scanned pages and images are read by Tesseract
 */
public record ParserSettings(
        int maxChars,
        int maxAttachments,
        int maxAttachmentDepth,
        int maxExpansionRatio,
        int maxNestingDepth,
        long maxImagePixels,
        OcrSettings ocr) {
    /** About 4,000 dense pages: beyond any real document, small enough to hold in memory twice. */
    public static final int DEFAULT_MAX_CHARS = 20_000_000;
    /** Enough for real mail; a message with hundreds of attachments is an archive, not a message. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 20;
    /** A forwarded message and its attachments, but not a matryoshka of forwards. */
    public static final int DEFAULT_MAX_ATTACHMENT_DEPTH = 2;
    /** Office XML compresses about 10 to 30 times; POI and Tika both default to 100. */
    public static final int DEFAULT_MAX_EXPANSION_RATIO = 100;
    /** Tika's default: deeply nested tables in real documents stay far below it. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 100;
    /** 100 megapixels: an A0 poster scanned at 200 dpi; a 300 dpi A4 page is under 9. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;

    public ParserSettings {
        Checks.positive(maxChars, "maxChars");
        Checks.nonNegative(maxAttachments, "maxAttachments");
        Checks.nonNegative(maxAttachmentDepth, "maxAttachmentDepth");
        Checks.positive(maxExpansionRatio, "maxExpansionRatio");
        Checks.positive(maxNestingDepth, "maxNestingDepth");
        if (maxImagePixels <= 0) {
            throw new IllegalArgumentException("maxImagePixels must be > 0, got " + maxImagePixels);
        }
        java.util.Objects.requireNonNull(ocr, "ocr");
    }

    /** The text and attachment limits, with the default safety limits and OCR settings. */
    public ParserSettings(int maxChars, int maxAttachments, int maxAttachmentDepth) {
        this(
                maxChars,
                maxAttachments,
                maxAttachmentDepth,
                DEFAULT_MAX_EXPANSION_RATIO,
                DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_MAX_IMAGE_PIXELS,
                OcrSettings.defaults());
    }

    public static ParserSettings defaults() {
        return new ParserSettings(DEFAULT_MAX_CHARS, DEFAULT_MAX_ATTACHMENTS, DEFAULT_MAX_ATTACHMENT_DEPTH);
    }

    public ParserSettings withMaxChars(int chars) {
        return new ParserSettings(
                chars, maxAttachments, maxAttachmentDepth, maxExpansionRatio, maxNestingDepth, maxImagePixels, ocr);
    }

    public ParserSettings withMaxAttachments(int count) {
        return new ParserSettings(
                maxChars, count, maxAttachmentDepth, maxExpansionRatio, maxNestingDepth, maxImagePixels, ocr);
    }

    public ParserSettings withMaxAttachmentDepth(int depth) {
        return new ParserSettings(
                maxChars, maxAttachments, depth, maxExpansionRatio, maxNestingDepth, maxImagePixels, ocr);
    }

    public ParserSettings withMaxExpansionRatio(int ratio) {
        return new ParserSettings(
                maxChars, maxAttachments, maxAttachmentDepth, ratio, maxNestingDepth, maxImagePixels, ocr);
    }

    public ParserSettings withMaxNestingDepth(int depth) {
        return new ParserSettings(
                maxChars, maxAttachments, maxAttachmentDepth, maxExpansionRatio, depth, maxImagePixels, ocr);
    }

    public ParserSettings withMaxImagePixels(long pixels) {
        return new ParserSettings(
                maxChars, maxAttachments, maxAttachmentDepth, maxExpansionRatio, maxNestingDepth, pixels, ocr);
    }

    public ParserSettings withOcr(OcrSettings settings) {
        return new ParserSettings(
                maxChars,
                maxAttachments,
                maxAttachmentDepth,
                maxExpansionRatio,
                maxNestingDepth,
                maxImagePixels,
                settings);
    }
}
