package dev.verity.document;

import dev.verity.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link ParsedDocument} block by block, so that parsers never compute offsets by hand. Whitespace inside
 * a block is collapsed to single spaces; blocks are separated by a blank line in the text; blank blocks are dropped.
 *
 * <pre>{@code
 * DocumentBuilder b = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE);
 * b.page(1).heading(1, "Leave").paragraph("Staff get 25 days of paid leave.");
 * ParsedDocument doc = b.build();
 * }</pre>
 *
 * Not thread-safe; one builder per document.
 */
public final class DocumentBuilder {
    private static final String BLOCK_SEPARATOR = "\n\n";

    private final String title;
    private final String mediaType;
    private DocumentKind kind;
    private final StringBuilder text = new StringBuilder();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int page;
    private int maxPage;
    private final List<ParseQuality.OcrPage> ocrPages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public DocumentBuilder(String title, String mediaType, DocumentKind kind) {
        this.title = title == null ? "" : normalize(title);
        this.mediaType = Checks.nonBlank(mediaType, "mediaType");
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /**
     * Collapses every run of whitespace ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return),
     * no-break spaces and zero-width spaces to one space, then strips. A character loop, not a regex: parsers call
     * this for every line of every document, and a regex replacing each single space took a tenth of the time of
     * reading a text PDF.
     */
    public static String normalize(String raw) {
        int n = raw.length();
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            if (isSpace(c) && (c != ' ' || (i + 1 < n && isSpace(raw.charAt(i + 1))))) {
                break;
            }
            i++;
        }
        if (i == n) {
            return raw.strip(); // nothing to collapse
        }
        StringBuilder clean = new StringBuilder(n).append(raw, 0, i);
        boolean inRun = false;
        for (; i < n; i++) {
            char c = raw.charAt(i);
            if (isSpace(c)) {
                if (!inRun) {
                    clean.append(' ');
                    inRun = true;
                }
            } else {
                clean.append(c);
                inRun = false;
            }
        }
        return clean.toString().strip();
    }

    private static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || (c >= '\t' && c <= '\r') : c == '\u00A0' || c == '\u200B';
    }

    /** Blocks added from now on start on this 1-based page (or slide). */
    public DocumentBuilder page(int number) {
        Checks.positive(number, "page");
        this.page = number;
        this.maxPage = Math.max(maxPage, number);
        return this;
    }

    /** Overrides the kind given at construction, e.g. when a parser discovers the file is a spreadsheet. */
    public DocumentBuilder kind(DocumentKind newKind) {
        this.kind = java.util.Objects.requireNonNull(newKind, "kind");
        return this;
    }

    public DocumentBuilder header(String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, normalize(value));
        }
        return this;
    }

    public DocumentBuilder heading(int level, String raw) {
        String clean = normalize(raw);
        if (!clean.isEmpty()) {
            blocks.add(new Block.Heading(Math.clamp(level, 1, 6), clean, page, append(clean)));
        }
        return this;
    }

    public DocumentBuilder paragraph(String raw) {
        String clean = normalize(raw);
        if (!clean.isEmpty()) {
            blocks.add(new Block.Paragraph(clean, page, append(clean)));
        }
        return this;
    }

    public DocumentBuilder listItem(String raw) {
        String clean = normalize(raw);
        if (!clean.isEmpty()) {
            blocks.add(new Block.ListItem(clean, page, append(clean)));
        }
        return this;
    }

    /**
     * Adds text a reader sees beside the running text (a comment, speaker notes, a header…) as a {@link Block.Note}:
     * it stays in the document text, but is chunked on its own and cited by its label.
     *
     * @param author who wrote it, null or blank when unknown
     */
    public DocumentBuilder note(NoteKind noteKind, String author, String raw) {
        java.util.Objects.requireNonNull(noteKind, "noteKind");
        String clean = normalize(raw);
        if (!clean.isEmpty()) {
            blocks.add(new Block.Note(noteKind, author == null ? "" : normalize(author), clean, page, append(clean)));
        }
        return this;
    }

    /**
     * Adds a table. The first argument is the header; rows shorter than the header are padded with empty cells, fully
     * empty rows are dropped. A blank header is replaced by "Column 1", "Column 2"…
     */
    public DocumentBuilder table(String name, List<String> header, List<List<String>> rows) {
        List<List<String>> cleanRows = new ArrayList<>();
        int width = header.size();
        for (List<String> row : rows) {
            List<String> cells =
                    row.stream().map(c -> c == null ? "" : normalize(c)).toList();
            if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                cleanRows.add(cells);
                width = Math.max(width, cells.size());
            }
        }
        List<String> cleanHeader = new ArrayList<>(
                header.stream().map(c -> c == null ? "" : normalize(c)).toList());
        if (cleanHeader.stream().allMatch(String::isEmpty) && cleanRows.isEmpty()) {
            return this;
        }
        while (cleanHeader.size() < width) {
            cleanHeader.add("");
        }
        for (int i = 0; i < cleanHeader.size(); i++) {
            if (cleanHeader.get(i).isEmpty()) {
                cleanHeader.set(i, "Column " + (i + 1));
            }
        }
        startBlock();
        int start = text.length();
        text.append(String.join(Block.Table.CELL_SEPARATOR, cleanHeader));
        List<Block.Row> builtRows = new ArrayList<>();
        for (List<String> cells : cleanRows) {
            List<String> padded = new ArrayList<>(cells);
            while (padded.size() < cleanHeader.size()) {
                padded.add("");
            }
            text.append('\n');
            int rowStart = text.length();
            text.append(String.join(Block.Table.CELL_SEPARATOR, padded));
            builtRows.add(new Block.Row(padded, new Span(rowStart, text.length())));
        }
        blocks.add(new Block.Table(
                name == null ? "" : normalize(name), cleanHeader, builtRows, page, new Span(start, text.length())));
        return this;
    }

    /**
     * Records that a page was read by OCR, with the mean confidence of its words (0–100); chunks on that page carry
     * it ({@link Location#ocrConfidence()}).
     */
    public DocumentBuilder ocrPage(int number, double confidence, int words) {
        ocrPages.add(new ParseQuality.OcrPage(number, confidence, words));
        this.maxPage = Math.max(maxPage, number);
        return this;
    }

    /** Records something the parser had to guess, merge or give up on, for the {@link ParseQuality} report. */
    public DocumentBuilder warning(String message) {
        Checks.nonBlank(message, "message");
        warnings.add(message);
        return this;
    }

    /** Declares the number of pages, so that trailing pages without text are counted as such. */
    public DocumentBuilder pageCount(int pages) {
        Checks.nonNegative(pages, "pages");
        this.maxPage = Math.max(maxPage, pages);
        return this;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public ParsedDocument build() {
        String effectiveTitle = title.isEmpty()
                ? blocks.stream()
                        .filter(b -> b instanceof Block.Heading)
                        .map(b -> ((Block.Heading) b).text())
                        .findFirst()
                        .orElse("")
                : title;
        return new ParsedDocument(
                effectiveTitle,
                mediaType,
                kind,
                text.toString(),
                blocks,
                headers,
                maxPage,
                ParsedDocument.UNDETERMINED_LANGUAGE,
                ParseQuality.measure(blocks, maxPage, ocrPages, warnings));
    }

    private Span append(String clean) {
        startBlock();
        int start = text.length();
        text.append(clean);
        return new Span(start, text.length());
    }

    private void startBlock() {
        if (!text.isEmpty()) {
            text.append(BLOCK_SEPARATOR);
        }
    }
}
