package dev.verity.parsers.format;

import dev.verity.document.DocumentBuilder;
import dev.verity.document.NoteKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Maps (X)HTML elements to blocks: {@code h1..h6} to headings, {@code p}, {@code pre} and {@code blockquote} to
 * paragraphs, {@code li} to list items and {@code table} to a table whose first non-empty row is the header. It
 * receives Tika's XHTML as SAX events and jsoup's DOM through {@link #open}, {@link #text} and {@link #close}, so
 * every markup-shaped format is structured by the same rules.
 *
 * <p>Tika conventions it knows: {@code <div class="page">} starts a PDF page (when {@link Options#pages()} is set),
 * Word list paragraphs carry {@code class="list_…"} and a bullet glyph, embedded documents and slide masters sit in
 * {@code div}s that are skipped.
 *
 * <p>What a reader sees beside the running text becomes {@link NoteKind notes}, passages of their own: a {@code div}
 * of class {@code notes} (speaker notes), {@code header}, {@code footer}, {@code annotation} (its
 * {@code annotationTitle} is the author) or {@code comment…}, a {@code p class="annotation"} (an OpenDocument
 * comment), each item of an {@code acroform} (a PDF form field), and
 * the comments Word documents carry at the end of a paragraph ({@code "\tComment by Ana Berg: …"}), which are cut off
 * the paragraph so its body text stays the author's.
 *
 * <p>Not thread-safe; one handler per document.
 */
public final class StructureHandler extends DefaultHandler {
    private static final Set<String> BLOCKS = Set.of(
            "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "blockquote", "dt", "dd", "address", "figcaption");
    private static final Set<String> INLINE = Set.of(
            "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
            "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
            "time", "tt", "u", "var", "wbr");
    private static final Set<String> SKIPPED = Set.of(
            "head", "title", "script", "style", "noscript", "template", "svg", "math", "object", "embed", "iframe");
    /** Tika's wrappers for content that is not the document's own text at all. */
    private static final Set<String> SKIPPED_DIV_CLASSES = Set.of("embedded", "package-entry", "slide-master-content");
    /** The notes that are skipped when notes are off: page chrome and remarks, as on a web page. */
    private static final Set<NoteKind> SKIPPED_WITHOUT_NOTES =
            EnumSet.of(NoteKind.HEADER, NoteKind.FOOTER, NoteKind.ANNOTATION, NoteKind.COMMENT);
    /**
     * The comment POI's Word extractor appends to a paragraph: a tab, "Comment by ", the author, ": " and the text
     * (until the next comment or the end of the paragraph).
     */
    private static final Pattern WORD_COMMENT = Pattern.compile("\tComment by ([^:\t\n]{1,200}): ");
    /** Bullet glyphs that word processors and PDF writers put before list items. */
    public static final String BULLET_GLYPHS = "•·◦▪▫‣∙⁃●○■□➢➤✓✔\uF0B7\uF0A7";
    /** A bullet glyph, after optional whitespace, and the whitespace after it. */
    public static final Pattern BULLET = Pattern.compile("^[\\s\\u00A0]*[" + BULLET_GLYPHS + "][\\s\\u00A0]+");

    private static final Pattern HYPHENATED_LINE_BREAK = Pattern.compile("(\\p{L})-\\r?\\n[ \\t]*(\\p{Ll})");
    /** Longer bold paragraphs are emphasis, not headings. */
    private static final int MAX_BOLD_HEADING_LENGTH = 100;

    /**
     * @param pages {@code <div class="page">} starts a new page (PDF)
     * @param boldParagraphsAreHeadings a short paragraph that is bold throughout is a heading (RTF, where Tika drops
     *     outline levels)
     * @param spreadsheet tables are sheets: each is named after the heading before it (the sheet name)
     * @param sheetNames names for the top-level tables, in order, for formats whose sheets Tika leaves unnamed (ODS);
     *     each is also emitted as a level-1 heading
     * @param dehyphenate join words that a PDF writer hyphenated at a line end
     * @param notes Tika's wrappers of comments, notes, headers, footers, annotations and form fields are notes (Tika's
     *     XHTML); when false they are skipped, as a web page's "header" or "comments" {@code div} is chrome
     */
    public record Options(
            boolean pages,
            boolean boldParagraphsAreHeadings,
            boolean spreadsheet,
            List<String> sheetNames,
            boolean dehyphenate,
            boolean notes) {
        /** Prose from a web page: no pages, no notes. */
        public static Options prose() {
            return new Options(false, false, false, List.of(), false, false);
        }
    }

    /** Blocks whose nested paragraphs are part of their own text. */
    private static final Set<String> HOLDS_PARAGRAPHS = Set.of("li", "dd", "h1", "h2", "h3", "h4", "h5", "h6");

    private record Frame(String name, String cssClass) {}

    /**
     * A spreadsheet cell comment, which Tika appends to its cell after a line break as "author: text".
     *
     * @param author empty when unknown
     */
    public record CellComment(String author, String text) {
        /** How Tika renders it in the cell, normalized. */
        String rendering() {
            return DocumentBuilder.normalize(author.isEmpty() ? text : author + ": " + text);
        }
    }

    private final Sink sink;
    private final Options options;
    private final Iterator<String> sheetNames;
    private final Deque<Frame> blocks = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private int skipDepth;
    private final Deque<Boolean> skipping = new ArrayDeque<>();
    private int boldDepth;
    private int boldChars;
    private int plainChars;
    private int page;
    private int tableDepth;
    private TableCollector table;
    private String lastHeading = "";
    private String firstLine = "";
    /** The note being gathered, or null outside notes. */
    private NoteCollector note;
    /** Cell comments by their rendering in a cell ({@link #cellComments}). */
    private final Map<String, CellComment> cellComments = new HashMap<>();

    public StructureHandler(Sink sink, Options options) {
        this.sink = sink;
        this.options = options;
        this.sheetNames = options.sheetNames().iterator();
    }

    /**
     * Declares the cell comments of a spreadsheet, which Tika appends to their cells: they are cut off the cells and
     * emitted as comment notes after the table.
     */
    public void cellComments(List<CellComment> comments) {
        for (CellComment c : comments) {
            if (!c.rendering().isEmpty()) {
                cellComments.put(c.rendering(), c);
            }
        }
    }

    /** The first line of running text, which PDFs without a title metadata field use as their title. */
    public String firstLine() {
        return firstLine;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        open(name(localName, qName), atts.getValue("class"));
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        close(name(localName, qName));
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        text(new String(ch, start, length));
    }

    /** Tika writes PDF line breaks as ignorable whitespace; they still separate words. */
    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        text(new String(ch, start, length));
    }

    @Override
    public void endDocument() {
        finish();
    }

    public void open(String name, String cssClass) {
        if (note != null) {
            note.open(name, cssClass);
            return;
        }
        NoteKind noteKind = skipDepth > 0
                ? null
                : "div".equals(name)
                        ? noteKind(cssClass)
                        : "p".equals(name) && "annotation".equals(cssClass) ? NoteKind.COMMENT : null;
        if (noteKind != null && options.notes()) {
            if (table != null) {
                endTable();
            }
            flush();
            note = new NoteCollector(noteKind);
            return;
        }
        boolean skip = skipDepth > 0
                || SKIPPED.contains(name)
                || ("div".equals(name) && (skippedDiv(cssClass) || SKIPPED_WITHOUT_NOTES.contains(noteKind)));
        skipping.push(skip);
        if (skip) {
            skipDepth++;
            return;
        }
        if (INLINE.contains(name)) {
            if ("b".equals(name) || "strong".equals(name)) {
                boldDepth++;
            }
            return;
        }
        if ("br".equals(name)) {
            appendText("\n");
            return;
        }
        if (table != null) {
            openInTable(name);
            return;
        }
        if ("table".equals(name)) {
            startTable();
            return;
        }
        if ("div".equals(name) && options.pages() && "page".equals(cssClass)) {
            flush();
            sink.page(++page);
            return;
        }
        if (BLOCKS.contains(name)) {
            Frame top = blocks.peek();
            if (top != null && HOLDS_PARAGRAPHS.contains(top.name()) && "p".equals(name)) {
                appendText(" "); // a paragraph inside a list item, or a heading (Keynote's titles), is part of it
                return;
            }
            flush();
            blocks.push(new Frame(name, cssClass == null ? "" : cssClass));
            return;
        }
        flush(); // div, ul, section…: a boundary, but not a block of its own
    }

    public void close(String name) {
        if (note != null) {
            if (note.close(name)) {
                NoteCollector done = note;
                note = null;
                done.emit(sink);
            }
            return;
        }
        boolean skip = skipping.isEmpty() ? false : skipping.pop();
        if (skip) {
            skipDepth--;
            return;
        }
        if (INLINE.contains(name)) {
            if ("b".equals(name) || "strong".equals(name)) {
                boldDepth = Math.max(0, boldDepth - 1);
            }
            return;
        }
        if ("br".equals(name)) {
            return;
        }
        if (table != null) {
            closeInTable(name);
            return;
        }
        Frame top = blocks.peek();
        if (top != null && top.name().equals(name)) {
            flush();
            blocks.pop();
        } else if (BLOCKS.contains(name)) {
            appendText(" ");
        } else {
            flush();
        }
    }

    public void text(String chars) {
        if (note != null) {
            note.append(chars);
            sink.budget().check(note.length());
            return;
        }
        if (skipDepth > 0) {
            return;
        }
        appendText(chars);
        if (table == null) {
            for (int i = 0; i < chars.length(); i++) {
                if (!Character.isWhitespace(chars.charAt(i))) {
                    if (boldDepth > 0) {
                        boldChars++;
                    } else {
                        plainChars++;
                    }
                }
            }
        }
    }

    /** Emits whatever is still gathered; called at the end of the document. */
    public void finish() {
        if (note != null) {
            NoteCollector done = note;
            note = null;
            done.emit(sink);
        }
        if (table != null) {
            endTable();
        }
        flush();
    }

    private void appendText(String chars) {
        if (table != null) {
            table.append(chars);
            sink.budget().check(table.pendingChars());
        } else {
            text.append(chars);
            sink.budget().check(text.length());
        }
    }

    private static boolean skippedDiv(String cssClass) {
        if (cssClass == null) {
            return false;
        }
        for (String c : cssClass.split("\\s+")) {
            if (SKIPPED_DIV_CLASSES.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** The kind of note a {@code div} of this class holds, or null when it holds running text. */
    private static @Nullable NoteKind noteKind(@Nullable String cssClass) {
        if (cssClass == null) {
            return null;
        }
        for (String c : cssClass.split("\\s+")) {
            switch (c) {
                case "notes" -> {
                    return NoteKind.SPEAKER_NOTES;
                }
                case "header" -> {
                    return NoteKind.HEADER;
                }
                case "footer" -> {
                    return NoteKind.FOOTER;
                }
                case "annotation" -> {
                    return NoteKind.ANNOTATION;
                }
                case "acroform" -> {
                    return NoteKind.FORM_FIELD;
                }
                default -> {
                    if (c.startsWith("comment")) {
                        return NoteKind.COMMENT;
                    }
                }
            }
        }
        return null;
    }

    private void startTable() {
        flush();
        tableDepth = 1;
        String name = "";
        if (sheetNames.hasNext()) {
            name = sheetNames.next();
            sink.heading(1, name);
            lastHeading = name;
        } else if (options.spreadsheet()) {
            name = lastHeading;
        }
        table = new TableCollector(name);
    }

    private void openInTable(String name) {
        switch (name) {
            case "table" -> {
                tableDepth++;
                table.append(" ");
            }
            case "tr" -> {
                if (tableDepth == 1) {
                    table.startRow();
                }
            }
            case "td", "th" -> {
                if (tableDepth == 1) {
                    table.startCell();
                } else {
                    table.append(" ");
                }
            }
            case "caption" -> {
                if (tableDepth == 1) {
                    table.startCaption();
                }
            }
            default -> table.append(" ");
        }
    }

    private void closeInTable(String name) {
        switch (name) {
            case "table" -> {
                if (--tableDepth == 0) {
                    endTable();
                } else {
                    table.append(" ");
                }
            }
            case "tr" -> {
                if (tableDepth == 1) {
                    table.endRow();
                }
            }
            case "td", "th" -> {
                if (tableDepth == 1) {
                    table.endCell();
                }
            }
            case "caption" -> {
                if (tableDepth == 1) {
                    table.endCaption();
                }
            }
            default -> table.append(" ");
        }
    }

    private void endTable() {
        TableCollector done = table;
        table = null;
        tableDepth = 0;
        List<CellComment> comments = new ArrayList<>();
        List<List<String>> rows = cellComments.isEmpty() ? done.rows() : withoutComments(done.rows(), comments);
        if (!rows.isEmpty()) {
            sink.table(done.name(), rows.getFirst(), rows.subList(1, rows.size()));
        }
        for (CellComment c : comments) {
            sink.note(NoteKind.COMMENT, c.author(), c.text());
        }
    }

    /** The rows with the known cell comments cut off the end of their cells (after a line break); those go to found. */
    private List<List<String>> withoutComments(List<List<String>> rows, List<CellComment> found) {
        List<List<String>> clean = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>(row.size());
            for (String cell : row) {
                String kept = cell;
                for (int at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) {
                    CellComment c = cellComments.get(DocumentBuilder.normalize(cell.substring(at + 1)));
                    if (c != null) {
                        kept = cell.substring(0, at);
                        found.add(c);
                        break;
                    }
                }
                cells.add(kept);
            }
            clean.add(cells);
        }
        return clean;
    }

    /** Emits the gathered text as the block the innermost open element makes of it. */
    private void flush() {
        String raw = text.toString();
        boolean allBold = boldChars > 0 && plainChars == 0;
        text.setLength(0);
        boldChars = 0;
        plainChars = 0;
        if (raw.isBlank()) {
            return;
        }
        Matcher comment = WORD_COMMENT.matcher(raw);
        if (options.notes() && comment.find()) {
            String body = raw.substring(0, comment.start());
            List<String[]> comments = new ArrayList<>();
            do {
                String author = comment.group(1);
                int textStart = comment.end();
                int textEnd = comment.find() ? comment.start() : raw.length();
                comments.add(new String[] {author, raw.substring(textStart, textEnd)});
                comment.region(textEnd, raw.length());
            } while (comment.find());
            text.append(body);
            boldChars = allBold ? body.length() : 0;
            plainChars = allBold ? 0 : body.length();
            flush();
            for (String[] c : comments) {
                sink.note(NoteKind.COMMENT, c[0], c[1]);
            }
            return;
        }
        if (options.dehyphenate()) {
            raw = HYPHENATED_LINE_BREAK.matcher(raw).replaceAll("$1$2");
        }
        if (firstLine.isEmpty()) {
            firstLine = raw.strip().lines().findFirst().orElse("").strip();
        }
        Frame top = blocks.peek();
        String name = top == null ? "p" : top.name();
        if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
            lastHeading = raw.strip();
            sink.heading(name.charAt(1) - '0', raw);
        } else if ("li".equals(name)) {
            sink.listItem(BULLET.matcher(raw).replaceFirst(""));
        } else if (top != null && top.cssClass().toLowerCase(Locale.ROOT).startsWith("list")) {
            sink.listItem(BULLET.matcher(raw).replaceFirst("")); // Word's "List Paragraph" styles
        } else if (BULLET.matcher(raw).lookingAt()) {
            for (String item : splitBullets(raw)) {
                sink.listItem(item);
            }
        } else if (options.boldParagraphsAreHeadings() && allBold && looksLikeHeading(raw)) {
            lastHeading = raw.strip();
            sink.heading(1, raw);
        } else {
            sink.paragraph(raw);
        }
    }

    /** A paragraph of several "• item" lines (common in PDFs) is several list items. */
    private static List<String> splitBullets(String raw) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : raw.split("\\R")) {
            if (BULLET.matcher(line).lookingAt()) {
                if (!current.isEmpty()) {
                    items.add(current.toString());
                    current.setLength(0);
                }
                current.append(BULLET.matcher(line).replaceFirst(""));
            } else {
                current.append(' ').append(line);
            }
        }
        if (!current.isEmpty()) {
            items.add(current.toString());
        }
        return items;
    }

    private static boolean looksLikeHeading(String raw) {
        String clean = raw.strip();
        return clean.length() <= MAX_BOLD_HEADING_LENGTH && !clean.endsWith(".") && !clean.endsWith(":");
    }

    private static String name(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        int colon = name.indexOf(':');
        return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
    }

    /**
     * Gathers the text of one note: its own structure is flattened to lines, and what would be skipped in running
     * text (scripts, embedded documents) is skipped in it too. A form is a note per field ({@code li}); an annotation's
     * {@code annotationTitle} is its author.
     */
    private static final class NoteCollector {
        private final NoteKind kind;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder author = new StringBuilder();
        private final List<String> items = new ArrayList<>();
        /** Per open element: 'h' hidden, 'a' the author, 't' text. */
        private final Deque<Character> frames = new ArrayDeque<>();

        private int hiddenDepth;
        private int authorDepth;

        NoteCollector(NoteKind kind) {
            this.kind = kind;
        }

        void open(String name, @Nullable String cssClass) {
            char frame;
            if (hiddenDepth > 0 || SKIPPED.contains(name) || ("div".equals(name) && skippedDiv(cssClass))) {
                frame = 'h';
                hiddenDepth++;
            } else if (authorDepth > 0 || (cssClass != null && cssClass.contains("annotationTitle"))) {
                frame = 'a';
                authorDepth++;
            } else {
                frame = 't';
                if (!INLINE.contains(name)) {
                    text.append('\n');
                }
            }
            frames.push(frame);
        }

        /** @return true when this closes the note itself */
        boolean close(String name) {
            if (frames.isEmpty()) {
                return true;
            }
            switch (frames.pop()) {
                case 'h' -> hiddenDepth--;
                case 'a' -> authorDepth--;
                default -> {
                    if (kind == NoteKind.FORM_FIELD && "li".equals(name)) {
                        items.add(text.toString());
                        text.setLength(0);
                    } else if (!INLINE.contains(name)) {
                        text.append('\n');
                    }
                }
            }
            return false;
        }

        void append(String chars) {
            if (hiddenDepth > 0) {
                return;
            }
            (authorDepth > 0 ? author : text).append(chars);
        }

        long length() {
            return text.length()
                    + author.length()
                    + items.stream().mapToLong(String::length).sum();
        }

        void emit(Sink sink) {
            items.add(text.toString());
            for (String item : items) {
                if (!item.isBlank()) {
                    sink.note(kind, author.toString(), item);
                }
            }
        }
    }

    /** Gathers the rows of one table; cells keep their text, nested markup becomes spaces. */
    private static final class TableCollector {
        private final List<List<String>> rows = new ArrayList<>();
        private List<String> row;
        private StringBuilder cell;
        private StringBuilder caption;
        private String name;
        private long pending;

        TableCollector(String name) {
            this.name = name;
        }

        void startRow() {
            endRow();
            row = new ArrayList<>();
        }

        void endRow() {
            endCell();
            if (row != null) {
                rows.add(row);
                row = null;
            }
        }

        void startCell() {
            endCell();
            if (row == null) {
                row = new ArrayList<>();
            }
            cell = new StringBuilder();
        }

        void endCell() {
            if (cell != null) {
                row.add(cell.toString());
                cell = null;
            }
        }

        void startCaption() {
            caption = new StringBuilder();
        }

        void endCaption() {
            if (caption != null && name.isEmpty()) {
                name = caption.toString().strip();
            }
            caption = null;
        }

        void append(String chars) {
            if (caption != null) {
                caption.append(chars);
            } else if (cell != null) {
                cell.append(chars);
                pending += chars.length();
            }
        }

        long pendingChars() {
            return pending;
        }

        String name() {
            return name;
        }

        /** The rows without blank rows and without columns that are blank in every row. */
        List<List<String>> rows() {
            endRow();
            List<List<String>> kept = new ArrayList<>();
            int width = 0;
            for (List<String> r : rows) {
                if (r.stream().anyMatch(c -> !c.isBlank())) {
                    kept.add(r);
                    width = Math.max(width, r.size());
                }
            }
            boolean[] used = new boolean[width];
            for (List<String> r : kept) {
                for (int c = 0; c < r.size(); c++) {
                    used[c] |= !r.get(c).isBlank();
                }
            }
            List<List<String>> result = new ArrayList<>(kept.size());
            for (List<String> r : kept) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    if (used[c]) {
                        cells.add(c < r.size() ? r.get(c) : "");
                    }
                }
                result.add(cells);
            }
            return result;
        }
    }
}
