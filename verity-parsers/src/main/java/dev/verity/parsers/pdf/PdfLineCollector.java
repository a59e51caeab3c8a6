package dev.verity.parsers.pdf;

import dev.verity.parsers.format.TextBudget;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Runs PDFBox's text extraction (content-stream order, as Tika does, so that columns stay apart) and keeps every line
 * with its geometry and font statistics instead of plain text. Only a few numbers per line are kept, never the
 * glyphs, and the gathered text is checked against the {@link TextBudget} as it grows.
 *
 * <p>Not thread-safe; one collector per document.
 */
final class PdfLineCollector extends PDFTextStripper {
    /** A gap between two glyphs of one line wider than this many font sizes separates cells, not words. */
    private static final float CELL_GAP = 2.5f;

    private final TextBudget budget;
    private final List<PdfLine> lines = new ArrayList<>();
    private final Map<Integer, float[]> pageSizes = new HashMap<>();
    private final Map<PDFont, Boolean> boldFonts = new IdentityHashMap<>();
    private PDFont lastFont; // and whether it is bold: glyphs come in runs of one font
    private boolean lastFontBold;
    private long gathered;

    // the line being gathered
    private final StringBuilder text = new StringBuilder();
    // size -> {characters, sum of baselines}: the first size of the line in the three fields, the map only once a
    // second size turns up (no boxing per glyph for the common line in one size)
    private float firstSize = Float.NaN;
    private float firstSizeChars;
    private float firstSizeBaselines;
    private final Map<Float, float[]> sizes = new HashMap<>();
    private float left = Float.MAX_VALUE;
    private float right = -Float.MAX_VALUE;
    private float firstWordRight = -Float.MAX_VALUE;
    private boolean firstWordDone;
    private float lastGlyphEnd = Float.NaN;
    private boolean spaced;
    // the cells of the line being gathered: text and extent of each, split where a gap is wider than CELL_GAP
    private final List<PdfLine.Cell> cells = new ArrayList<>();
    private final StringBuilder cellText = new StringBuilder();
    private float cellLeft = Float.NaN;
    private float cellRight = -Float.MAX_VALUE;
    private int boldChars;
    private int chars;

    PdfLineCollector(TextBudget budget) throws IOException {
        this.budget = budget;
        setSortByPosition(false);
        setShouldSeparateByBeads(true);
    }

    /** Reads every page of {@code document}. */
    void collect(PDDocument document) throws IOException {
        writeText(document, Writer.nullWriter());
        endLine();
    }

    List<PdfLine> lines() {
        return lines;
    }

    /** The width and height of each page that has content, in the text's reading direction. */
    Map<Integer, float[]> pageSizes() {
        return pageSizes;
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
        endLine();
        PDRectangle box = page.getCropBox();
        boolean turned = page.getRotation() % 180 != 0;
        pageSizes.put(
                getCurrentPageNo(),
                turned ? new float[] {box.getHeight(), box.getWidth()} : new float[] {box.getWidth(), box.getHeight()});
    }

    @Override
    protected void endPage(PDPage page) throws IOException {
        endLine();
    }

    @Override
    protected void endArticle() throws IOException {
        endLine();
    }

    @Override
    protected void writeLineSeparator() {
        endLine();
    }

    @Override
    protected void writeParagraphEnd() {
        endLine();
    }

    @Override
    protected void writeWordSeparator() {
        text.append(' ');
        cellText.append(' ');
        if (chars > 0) {
            firstWordDone = true;
        }
    }

    @Override
    protected void writeString(String string, List<TextPosition> positions) {
        text.append(string);
        for (TextPosition p : positions) {
            if (isBlank(p.getUnicode())) {
                if (chars > 0) {
                    firstWordDone = true;
                }
                cellText.append(' ');
                continue;
            }
            float size = p.getFontSizeInPt();
            if (!(size > 0.5f) || Float.isInfinite(size)) {
                size = Math.max(1f, p.getHeightDir());
            }
            float x = p.getXDirAdj();
            float end = x + p.getWidthDirAdj();
            if (!Float.isNaN(lastGlyphEnd) && x - lastGlyphEnd > CELL_GAP * size) {
                spaced = true;
                endCell();
            }
            if (Float.isNaN(cellLeft)) {
                cellLeft = x;
            }
            cellRight = Math.max(cellRight, end);
            cellText.append(p.getUnicode());
            lastGlyphEnd = end;
            left = Math.min(left, x);
            right = Math.max(right, end);
            if (!firstWordDone) {
                firstWordRight = Math.max(firstWordRight, end);
            }
            count(Math.round(size * 2) / 2f, p.getYDirAdj());
            if (isBold(p.getFont())) {
                boldChars++;
            }
            chars++;
        }
    }

    /** {@code unicode == null || unicode.isBlank()}, without the call for the usual single character. */
    private static boolean isBlank(String unicode) {
        if (unicode == null) {
            return true;
        }
        return unicode.length() == 1 ? Character.isWhitespace(unicode.charAt(0)) : unicode.isBlank();
    }

    /** Adds a glyph of font size {@code size} (rounded) on baseline {@code y} to the line's statistics. */
    private void count(float size, float y) {
        if (Float.isNaN(firstSize)) {
            firstSize = size;
        }
        if (sizes.isEmpty() && Float.floatToIntBits(size) == Float.floatToIntBits(firstSize)) {
            firstSizeChars++;
            firstSizeBaselines += y;
        } else {
            if (sizes.isEmpty()) {
                sizes.put(firstSize, new float[] {firstSizeChars, firstSizeBaselines});
            }
            float[] stats = sizes.computeIfAbsent(size, s -> new float[2]);
            stats[0]++;
            stats[1] += y;
        }
    }

    private void endCell() {
        String cell = cellText.toString().strip();
        if (!cell.isEmpty() && !Float.isNaN(cellLeft)) {
            cells.add(new PdfLine.Cell(cellLeft, cellRight, cell));
        }
        cellText.setLength(0);
        cellLeft = Float.NaN;
        cellRight = -Float.MAX_VALUE;
    }

    private void endLine() {
        endCell();
        String line = text.toString().strip();
        if (!line.isEmpty() && chars > 0) {
            gathered += line.length();
            budget.check(gathered);
            float size = firstSize;
            float y = firstSizeBaselines / firstSizeChars;
            if (!sizes.isEmpty()) {
                float[] dominant = null;
                for (Map.Entry<Float, float[]> e : sizes.entrySet()) {
                    if (dominant == null
                            || e.getValue()[0] > dominant[0]
                            || (e.getValue()[0] == dominant[0] && e.getKey() < size)) {
                        size = e.getKey();
                        dominant = e.getValue();
                    }
                }
                y = dominant[1] / dominant[0];
            }
            lines.add(new PdfLine(
                    getCurrentPageNo(),
                    line,
                    left,
                    right,
                    y,
                    size,
                    boldChars >= 0.9f * chars,
                    Math.max(0, firstWordRight - left),
                    spaced,
                    chars,
                    spaced ? cells : List.of()));
        }
        text.setLength(0);
        firstSize = Float.NaN;
        firstSizeChars = 0;
        firstSizeBaselines = 0;
        sizes.clear();
        left = Float.MAX_VALUE;
        right = -Float.MAX_VALUE;
        firstWordRight = -Float.MAX_VALUE;
        firstWordDone = false;
        lastGlyphEnd = Float.NaN;
        spaced = false;
        cells.clear();
        boldChars = 0;
        chars = 0;
    }

    private boolean isBold(PDFont font) {
        if (font == null) {
            return false;
        }
        if (font != lastFont) {
            lastFontBold = boldFonts.computeIfAbsent(font, PdfLineCollector::looksBold);
            lastFont = font;
        }
        return lastFontBold;
    }

    /** By name (…-Bold, …-BoldItalic, …-Black, …-Heavy, Semibold) or by the weight in the font descriptor. */
    private static boolean looksBold(PDFont font) {
        PDFontDescriptor descriptor = font.getFontDescriptor();
        String name = font.getName();
        if (name == null && descriptor != null) {
            name = descriptor.getFontName();
        }
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("bold") || lower.contains("black") || lower.contains("heavy")) {
                return true;
            }
        }
        return descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 700);
    }
}
