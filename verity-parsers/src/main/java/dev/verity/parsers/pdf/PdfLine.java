package dev.verity.parsers.pdf;

import java.util.List;

/**
 * One line of text as PDFBox laid it out, with what {@link PdfLayout} needs to rebuild structure from it. Coordinates
 * are in points, measured from the left and the top of the page in the text's reading direction.
 *
 * @param page the 1-based page number
 * @param text the line's text, stripped
 * @param x where the first glyph starts
 * @param right where the last glyph ends
 * @param y the baseline of the line's dominant font size
 * @param size the dominant font size in points (by character count), rounded to half a point
 * @param bold at least 90% of the characters are set in a bold font
 * @param firstWordWidth the width of the first word, to tell whether it would have fitted at the end of the line before
 * @param spaced the line has a horizontal gap wider than a few spaces between two glyphs (table cells, tab stops)
 * @param chars the number of non-blank characters
 * @param cells the line cut at its wide gaps, left to right, when it is {@code spaced}; empty otherwise
 */
record PdfLine(
        int page,
        String text,
        float x,
        float right,
        float y,
        float size,
        boolean bold,
        float firstWordWidth,
        boolean spaced,
        int chars,
        List<Cell> cells) {

    PdfLine {
        cells = List.copyOf(cells);
    }

    /** A line without cells. */
    PdfLine(
            int page,
            String text,
            float x,
            float right,
            float y,
            float size,
            boolean bold,
            float firstWordWidth,
            boolean spaced,
            int chars) {
        this(page, text, x, right, y, size, bold, firstWordWidth, spaced, chars, List.of());
    }

    /** The text between two wide gaps of a line, and where it starts and ends. */
    record Cell(float x, float right, String text) {}
}
