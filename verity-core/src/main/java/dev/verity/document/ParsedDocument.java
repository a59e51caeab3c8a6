package dev.verity.document;

import java.util.List;
import java.util.Map;

/**
 * The normalized form every parser produces, whatever the file format: the extracted text and the blocks that
 * structure it. Build one with {@link DocumentBuilder}, which keeps text and spans consistent.
 *
 * @param title the document's own title, or the file name when it has none
 * @param mediaType detected media type, e.g. {@code application/pdf}
 * @param kind the shape of the document, which selects a chunking strategy
 * @param text all extracted text; every block's span points into it
 * @param blocks the structure, in reading order
 * @param headers e-mail headers or document properties worth showing (ordered), empty when none
 * @param pageCount number of pages or slides, 0 when the format has no pages
 * @param language ISO 639-1 code of the main language, or {@code "und"} when undetermined
 * @param quality how well the file was read: pages without text, OCR, tables, warnings
 */
public record ParsedDocument(
        String title,
        String mediaType,
        DocumentKind kind,
        String text,
        List<Block> blocks,
        Map<String, String> headers,
        int pageCount,
        String language,
        ParseQuality quality) {

    public static final String UNDETERMINED_LANGUAGE = "und";

    public ParsedDocument {
        blocks = List.copyOf(blocks);
        java.util.Objects.requireNonNull(quality, "quality");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        for (Block block : blocks) {
            if (block.span().end() > text.length()) {
                throw new IllegalArgumentException(
                        "block span " + block.span() + " exceeds the text length " + text.length());
            }
        }
    }

    /** A document measured from its blocks alone ({@link ParseQuality#measure}): no OCR, no parser warnings. */
    public ParsedDocument(
            String title,
            String mediaType,
            DocumentKind kind,
            String text,
            List<Block> blocks,
            Map<String, String> headers,
            int pageCount,
            String language) {
        this(
                title,
                mediaType,
                kind,
                text,
                blocks,
                headers,
                pageCount,
                language,
                ParseQuality.measure(blocks, pageCount, List.of(), List.of()));
    }

    public ParsedDocument withLanguage(String newLanguage) {
        return new ParsedDocument(title, mediaType, kind, text, blocks, headers, pageCount, newLanguage, quality);
    }

    public ParsedDocument withTitle(String newTitle) {
        return new ParsedDocument(newTitle, mediaType, kind, text, blocks, headers, pageCount, language, quality);
    }

    /** True when no block holds any letter or digit: nothing to index. */
    public boolean isBlank() {
        return text.codePoints().noneMatch(Character::isLetterOrDigit);
    }
}
