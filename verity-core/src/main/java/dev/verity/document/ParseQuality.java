package dev.verity.document;

import dev.verity.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How well a file was read: the numbers that make silent losses visible. Every parser produces one with its
 * {@link ParsedDocument}; ingestion stores it with the document record, and {@code verity docs --quality},
 * {@code verity inspect} and the documents API show it.
 *
 * <pre>{@code
 * ParseQuality q = doc.quality();
 * if (q.ocrShare() > 0.5 && q.meanOcrConfidence().orElse(100) < 60) { ... } // a poor scan
 * }</pre>
 *
 * @param pages pages, slides or image frames examined; 0 when the format has no pages
 * @param pagesWithoutText the 1-based pages that yielded no text at all, ascending
 * @param ocr the pages read by OCR, ascending, each with its mean word confidence
 * @param tables tables kept as tables (sheets, CSV, Markdown, HTML, DOCX and PDF tables)
 * @param tableRows data rows of those tables, header rows not counted
 * @param tableCells cells of those rows (rows × columns, header not counted)
 * @param emptyCells of those cells, the empty ones
 * @param chars characters of extracted text, blocks only
 * @param minCharsPerPage characters on the page with the fewest; 0 when the format has no pages
 * @param medianCharsPerPage the median characters per page (the lower middle value for an even count); 0 when the
 *     format has no pages
 * @param warnings what the parser had to guess, merge or give up on, each naming the page or sheet, e.g.
 *     {@code "page 3: OCR confidence 41%"}
 */
public record ParseQuality(
        int pages,
        List<Integer> pagesWithoutText,
        List<OcrPage> ocr,
        int tables,
        int tableRows,
        int tableCells,
        int emptyCells,
        long chars,
        int minCharsPerPage,
        int medianCharsPerPage,
        List<String> warnings) {

    /** Below this mean word confidence (0–100) an OCR'd page earns a warning: a third of its words may be wrong. */
    public static final double LOW_OCR_CONFIDENCE = 60;

    /**
     * One page read by optical character recognition.
     *
     * @param page the 1-based page (or image frame)
     * @param confidence the mean of the page's word confidences as the OCR engine reports them, 0–100
     * @param words the words recognized; a page with none has confidence 0
     */
    public record OcrPage(int page, double confidence, int words) {
        public OcrPage {
            Checks.positive(page, "page");
            if (!(confidence >= 0 && confidence <= 100)) {
                throw new IllegalArgumentException("confidence must be in 0..100, got " + confidence);
            }
            Checks.nonNegative(words, "words");
        }
    }

    public ParseQuality {
        Checks.nonNegative(pages, "pages");
        pagesWithoutText = List.copyOf(pagesWithoutText);
        ocr = List.copyOf(ocr);
        Checks.nonNegative(tables, "tables");
        Checks.nonNegative(tableRows, "tableRows");
        Checks.nonNegative(tableCells, "tableCells");
        Checks.nonNegative(emptyCells, "emptyCells");
        if (emptyCells > tableCells) {
            throw new IllegalArgumentException(
                    "emptyCells must not exceed tableCells, got " + emptyCells + " > " + tableCells);
        }
        if (chars < 0) {
            throw new IllegalArgumentException("chars must be >= 0, got " + chars);
        }
        Checks.nonNegative(minCharsPerPage, "minCharsPerPage");
        Checks.nonNegative(medianCharsPerPage, "medianCharsPerPage");
        warnings = List.copyOf(warnings);
    }

    /** Pages read by OCR. */
    public int ocrPages() {
        return ocr.size();
    }

    /** The share of pages read by OCR, 0–1; 0 when the format has no pages. */
    public double ocrShare() {
        return pages == 0 ? 0 : Math.min(1, (double) ocr.size() / pages);
    }

    /** The mean confidence over every OCR'd word of the document (0–100), empty when nothing was OCR'd. */
    public OptionalDouble meanOcrConfidence() {
        long words = 0;
        double sum = 0;
        for (OcrPage page : ocr) {
            words += page.words();
            sum += page.confidence() * page.words();
        }
        if (ocr.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(words == 0 ? 0 : sum / words);
    }

    /**
     * The OCR confidence of a passage on pages {@code first..last}: the lowest confidence of the OCR'd pages among
     * them (a chain is as good as its weakest page), empty when none of them was OCR'd.
     */
    public OptionalDouble ocrConfidence(int first, int last) {
        double lowest = Double.NaN;
        for (OcrPage page : ocr) {
            if (page.page() >= first && page.page() <= last && !(page.confidence() >= lowest)) {
                lowest = page.confidence();
            }
        }
        return Double.isNaN(lowest) ? OptionalDouble.empty() : OptionalDouble.of(lowest);
    }

    /**
     * Measures a document from its blocks: tables, cells, characters per page and pages without text. OCR pages and
     * warnings come from the parser, which alone knows them; a warning is added for every OCR'd page below
     * {@link #LOW_OCR_CONFIDENCE}.
     *
     * @param pageCount pages of the document, 0 when the format has none
     */
    public static ParseQuality measure(
            List<Block> blocks, int pageCount, List<OcrPage> ocr, List<String> parserWarnings) {
        Objects.requireNonNull(blocks, "blocks");
        long chars = 0;
        int tables = 0;
        int rows = 0;
        int cells = 0;
        int empty = 0;
        long[] perPage = new long[Math.max(0, pageCount) + 1];
        for (Block block : blocks) {
            int length = block.span().end() - block.span().start();
            chars += length;
            if (block.page() >= 1 && block.page() <= pageCount) {
                perPage[block.page()] += length;
            }
            if (block instanceof Block.Table table) {
                tables++;
                rows += table.rows().size();
                for (Block.Row row : table.rows()) {
                    cells += row.cells().size();
                    empty += (int) row.cells().stream().filter(String::isEmpty).count();
                }
            }
        }
        List<Integer> withoutText = new ArrayList<>();
        int min = 0;
        int median = 0;
        if (pageCount > 0) {
            long[] counts = Arrays.copyOfRange(perPage, 1, pageCount + 1);
            for (int page = 1; page <= pageCount; page++) {
                if (perPage[page] == 0) {
                    withoutText.add(page);
                }
            }
            Arrays.sort(counts);
            min = (int) Math.min(Integer.MAX_VALUE, counts[0]);
            median = (int) Math.min(Integer.MAX_VALUE, counts[(counts.length - 1) / 2]);
        }
        List<String> warnings = new ArrayList<>(parserWarnings);
        for (OcrPage page : ocr) {
            if (page.confidence() < LOW_OCR_CONFIDENCE) {
                warnings.add("page " + page.page() + ": OCR confidence " + Math.round(page.confidence()) + "%");
            }
        }
        List<OcrPage> sorted = new ArrayList<>(ocr);
        sorted.sort((a, b) -> Integer.compare(a.page(), b.page()));
        return new ParseQuality(
                Math.max(0, pageCount), withoutText, sorted, tables, rows, cells, empty, chars, min, median, warnings);
    }
}
