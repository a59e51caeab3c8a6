package dev.verity.parsers.pdf;

import dev.verity.parsers.format.StructureHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rebuilds the structure of a PDF from its lines ({@link PdfLine}): drops running headers and footers, joins the
 * lines of a paragraph, and tells headings from body text by font size and weight. Pure computation over the lines of
 * one document; the rules, in order:
 *
 * <ol>
 *   <li><b>Page furniture.</b> Of the three lines nearest the top and the bottom of a page, and only within the top
 *       or bottom {@value #EDGE_BAND_PERCENT}% of it, a line is dropped when its text (digits folded, same font size,
 *       same edge) is on at least half of the pages that have text (and on two or more; documents of two or more
 *       pages only), when it is a bare page number ("3", "Page 3", "Page 3 of 4", "- 3 -", "iv"), when it ends or
 *       starts with "Page 3 of 4" after a separator ("Report 2025 - Page 3 of 4"), or when it starts or ends with a
 *       number, does not end a sentence and is on three or more pages (a chapter's running header, "Chapter 2:
 *       Syntax 14").
 *   <li><b>Body text.</b> The body font size is the size with the most characters. The line pitch of each size is the
 *       10th percentile of the baseline distances between two lines of that size where a sentence was wrapped from
 *       a full line to the next (the first does not end with {@code . ! ? :}, and the next line's first word would
 *       not have fitted on it); without such lines, {@value #DEFAULT_PITCH} times the size. The column's right edge
 *       is the widest line starting at about the same left edge, on the page or else in the document.
 *   <li><b>Blocks.</b> A new block starts at every page, at a bullet, when the font size changes, when the text moves
 *       up (another column), when the vertical gap exceeds {@value #PARAGRAPH_GAP} times the line pitch, when a line
 *       leaves the left edge that the block's lines had kept, when a line starts further left or right than the one
 *       before and its first word would have fitted on that one (so that line was broken on purpose), and after a
 *       line that ends a sentence when the next line is indented or was broken on purpose. Lines of a block are
 *       joined with a space; "hyphen-" at a line end followed by a lowercase letter is joined without the hyphen.
 *   <li><b>Tables.</b> Lines whose cells stand in the same columns become a table ({@link PdfTables}); the rules
 *       below apply to the other lines.
 *   <li><b>Headings.</b> A block of at most three lines set at least {@value #LARGER} times the body size, or at most
 *       two bold lines at body size that stand alone (followed by a gap or a deliberate line break, the body font
 *       being regular), is a heading when it looks like one: two or more letters, not more digits than letters, at
 *       most 150 (bold: 100) characters, starting with an uppercase letter, digit or symbol, not ending with
 *       {@code . , ; : -} (before closing quotes or brackets), not spread over table cells and not a table of
 *       contents entry ("2 Syntax . . . . 14"). A size that also sets a paragraph-like block (more than three lines
 *       or 200 characters) makes no headings. Levels follow the distinct heading sizes, largest first; sizes within
 *       {@value #SAME_SIZE} pt share a level.
 * </ol>
 */
final class PdfLayout {
    static final int EDGE_BAND_PERCENT = 15;
    private static final float EDGE_BAND = EDGE_BAND_PERCENT / 100f;
    private static final int EDGE_LINES = 3;
    /** Pages a numbered edge line ("Chapter 2: Syntax 14") must be on to be a running header of part of a book. */
    private static final int NUMBERED_REPEATS = 3;

    static final float LARGER = 1.15f;
    static final float PARAGRAPH_GAP = 1.25f;
    /** A line starting this many font sizes further left or right than the one before is indented or outdented. */
    private static final float INDENT = 0.8f;
    /** Sizes closer than this are the same size. */
    static final float SAME_SIZE = 0.75f;

    private static final int MAX_LARGE_HEADING_LINES = 3;
    private static final int MAX_LARGE_HEADING_CHARS = 150;
    private static final int MAX_BOLD_HEADING_LINES = 2;
    private static final int MAX_BOLD_HEADING_CHARS = 100;
    private static final int PARAGRAPH_LIKE_CHARS = 200;
    private static final int MAX_LEVEL = 6;
    /** Line pitch per point of font size when a document gives no measure of its own. */
    static final float DEFAULT_PITCH = 1.2f;
    /** Lines needed to measure where a text column ends. */
    private static final int COLUMN_LINES = 4;

    private static final Pattern PAGE_NUMBER =
            Pattern.compile("(?i)(?:(?:page|p\\.|pg\\.?|seite|s\\.)\\s*)?[-–—(\\[]?\\s*\\d{1,4}\\s*[-–—)\\]]?"
                    + "(?:\\s*(?:of|/|von)\\s*\\d{1,4})?|(?-i:[ivx]{1,6})|[-–—]\\s*(?-i:[ivx]{1,6})\\s*[-–—]");
    private static final String PAGE_OF = "(?:page|p\\.|pg\\.?|seite)\\s*\\d{1,4}\\s*(?:of|/|von)\\s*\\d{1,4}";
    private static final Pattern PAGE_OF_AFTER = Pattern.compile("(?i).{1,100}?\\s[-–—|·•:,]\\s*" + PAGE_OF);
    private static final Pattern PAGE_OF_BEFORE = Pattern.compile("(?i)" + PAGE_OF + "\\s*[-–—|·•:,]\\s.{1,100}");
    /** A table of contents entry: dot leaders and a page number. */
    private static final Pattern CONTENTS_ENTRY = Pattern.compile("(?:\\.\\s?){4,}\\s*(?:\\d+|[ivxlc]+)$");
    /** Starts or ends with a number, as a running header with the page number in it does. */
    private static final Pattern NUMBERED = Pattern.compile("^\\d+\\s.*|.*\\s\\d+$");
    /** Ends like a sentence or a clause, not like a title ("?" and "!" are fine in titles). */
    private static final Pattern UNFINISHED = Pattern.compile("[.,;:\\-–—][\"'”’)\\]]*$");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:][\"'”’)\\]]*$");

    /** What a block is. */
    enum Kind {
        HEADING,
        PARAGRAPH,
        LIST_ITEM,
        TABLE
    }

    /**
     * One block of the rebuilt document; {@code level} is 0 for anything but a heading; {@code table} holds the
     * header and the rows of a table (empty for anything else), {@code text} its lines.
     */
    record Block(int page, Kind kind, int level, String text, List<List<String>> table) {
        Block(int page, Kind kind, int level, String text) {
            this(page, kind, level, text, List.of());
        }
    }

    /**
     * The rebuilt document.
     *
     * @param blocks in reading order
     * @param firstLine the first line of running text (headers and footers left out), a title of last resort
     * @param warnings what was merged or guessed (table cells spanning columns…), each naming its page
     */
    record Result(List<Block> blocks, String firstLine, List<String> warnings) {}

    private final List<List<PdfLine>> pages; // content lines per page, furniture removed, in reading order
    private final Map<Integer, float[]> pageSizes;
    private float body;
    private boolean bodyBold;
    private final Map<Float, Float> pitches = new HashMap<>();
    private final Map<Integer, NavigableMap<Float, float[]>> pageColumns = new HashMap<>();
    private final NavigableMap<Float, float[]> columns = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();

    private PdfLayout(List<List<PdfLine>> pages, Map<Integer, float[]> pageSizes) {
        this.pages = pages;
        this.pageSizes = pageSizes;
    }

    /**
     * The blocks of a document in reading order.
     *
     * @param lines every line, in reading order, pages ascending
     * @param pageSizes the width and height of each page with content
     */
    static Result of(List<PdfLine> lines, Map<Integer, float[]> pageSizes) {
        List<List<PdfLine>> byPage = byPage(lines);
        float allBody = bodySize(byPage);
        PdfLayout layout = new PdfLayout(withoutFurniture(byPage, pageSizes, allBody), pageSizes);
        layout.measure();
        String firstLine = layout.pages.stream()
                .filter(p -> !p.isEmpty())
                .map(p -> p.getFirst().text())
                .findFirst()
                .orElse("");
        return new Result(layout.build(), firstLine, layout.warnings);
    }

    private static List<List<PdfLine>> byPage(List<PdfLine> lines) {
        Map<Integer, List<PdfLine>> map = new TreeMap<>();
        for (PdfLine line : lines) {
            map.computeIfAbsent(line.page(), p -> new ArrayList<>()).add(line);
        }
        return new ArrayList<>(map.values());
    }

    // ---- 1. page furniture

    static List<List<PdfLine>> withoutFurniture(
            List<List<PdfLine>> pages, Map<Integer, float[]> pageSizes, float body) {
        Map<String, Set<Integer>> seen = new HashMap<>();
        List<Map<PdfLine, String>> edges = new ArrayList<>();
        for (List<PdfLine> page : pages) {
            Map<PdfLine, String> candidates = edgeLines(page, pageSizes);
            edges.add(candidates);
            for (String key : new HashSet<>(candidates.values())) {
                seen.computeIfAbsent(key, k -> new HashSet<>())
                        .add(page.getFirst().page());
            }
        }
        int pagesWithText = pages.size();
        int repeats = Math.max(2, (pagesWithText + 1) / 2);
        List<List<PdfLine>> kept = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            Map<PdfLine, String> candidates = edges.get(i);
            List<PdfLine> content = new ArrayList<>(pages.get(i).size());
            for (PdfLine line : pages.get(i)) {
                String key = candidates.get(line);
                boolean furniture = key != null
                        && (isPageNumber(line.text())
                                || (line.size() <= body + SAME_SIZE && isPageMarker(line.text()))
                                || (pagesWithText >= 2 && seen.get(key).size() >= repeats)
                                || (seen.get(key).size() >= NUMBERED_REPEATS
                                        && NUMBERED.matcher(line.text()).matches()
                                        && !endsSentence(line.text())));
                if (!furniture) {
                    content.add(line);
                }
            }
            kept.add(content);
        }
        return kept;
    }

    /** The lines near the top and bottom edge of a page, each with its repetition key. */
    private static Map<PdfLine, String> edgeLines(List<PdfLine> page, Map<Integer, float[]> pageSizes) {
        Map<PdfLine, String> edges = new IdentityHashMap<>();
        float[] size = pageSizes.get(page.getFirst().page());
        float height = size == null ? 0 : size[1];
        if (!(height > 0)) {
            return edges;
        }
        List<PdfLine> byY = new ArrayList<>(page);
        byY.sort((a, b) -> Float.compare(a.y(), b.y()));
        for (int i = 0; i < Math.min(EDGE_LINES, byY.size()); i++) {
            PdfLine line = byY.get(i);
            if (line.y() <= EDGE_BAND * height) {
                edges.put(line, "top " + line.size() + " " + folded(line.text()));
            }
        }
        for (int i = Math.max(0, byY.size() - EDGE_LINES); i < byY.size(); i++) {
            PdfLine line = byY.get(i);
            if (line.y() >= (1 - EDGE_BAND) * height) {
                edges.put(line, "bottom " + line.size() + " " + folded(line.text()));
            }
        }
        return edges;
    }

    /** Lowercase, every run of digits ({@code \d+}) as "#", every run of whitespace ({@code \s+}) as one space. */
    private static String folded(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        char previous = 'x';
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= '0' && c <= '9') {
                if (previous != '#') {
                    folded.append('#');
                }
                previous = '#';
            } else if (isWhitespace(c)) {
                if (previous != ' ') {
                    folded.append(' ');
                }
                previous = ' ';
            } else {
                folded.append(c);
                previous = 'x';
            }
        }
        return folded.toString();
    }

    static boolean isPageNumber(String text) {
        return PAGE_NUMBER.matcher(text.strip()).matches();
    }

    private static boolean isPageMarker(String text) {
        if (!hasDigit(text)) {
            return false; // both patterns need the page number
        }
        String clean = text.strip();
        return PAGE_OF_AFTER.matcher(clean).matches()
                || PAGE_OF_BEFORE.matcher(clean).matches();
    }

    // ---- 2. body text, line pitch and column edges

    private static float bodySize(List<List<PdfLine>> pages) {
        Map<Float, Long> chars = new HashMap<>();
        for (List<PdfLine> page : pages) {
            for (PdfLine line : page) {
                chars.merge(line.size(), (long) line.chars(), Long::sum);
            }
        }
        float best = 0;
        long most = -1;
        for (Map.Entry<Float, Long> e : chars.entrySet()) {
            if (e.getValue() > most || (e.getValue() == most && e.getKey() < best)) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private void measure() {
        body = bodySize(pages);
        long bodyChars = 0;
        long boldBodyChars = 0;
        for (List<PdfLine> page : pages) {
            for (PdfLine line : page) {
                if (line.size() == body) {
                    bodyChars += line.chars();
                    boldBodyChars += line.bold() ? line.chars() : 0;
                }
                if (!isLarge(line)) {
                    float[] edge = pageColumns
                            .computeIfAbsent(line.page(), p -> new TreeMap<>())
                            .computeIfAbsent((float) Math.round(line.x()), x -> new float[2]);
                    edge[0] = Math.max(edge[0], line.right());
                    edge[1]++;
                    float[] all = columns.computeIfAbsent((float) Math.round(line.x()), x -> new float[2]);
                    all[0] = Math.max(all[0], line.right());
                    all[1]++;
                }
            }
        }
        bodyBold = boldBodyChars * 2 > bodyChars;
        Map<Float, List<Float>> distances = new HashMap<>();
        for (List<PdfLine> page : pages) {
            PdfLine previous = null;
            for (PdfLine line : page) {
                if (previous != null && isWrap(previous, line)) {
                    float d = line.y() - previous.y();
                    if (d >= 0.8f * line.size() && d <= 3 * line.size()) {
                        distances
                                .computeIfAbsent(line.size(), s -> new ArrayList<>())
                                .add(d);
                    }
                }
                previous = line;
            }
        }
        for (Map.Entry<Float, List<Float>> e : distances.entrySet()) {
            float[] sorted = new float[e.getValue().size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = e.getValue().get(i);
            }
            Arrays.sort(sorted);
            pitches.put(e.getKey(), sorted[sorted.length / 10]);
        }
    }

    /**
     * A sentence running on from a full line to the next, in the same font: their distance is the line pitch, never a
     * paragraph gap.
     */
    private boolean isWrap(PdfLine line, PdfLine next) {
        return line.size() == next.size()
                && line.bold() == next.bold()
                && !line.spaced()
                && !next.spaced()
                && !endsSentence(line.text())
                && !wasBrokenOnPurpose(line, next);
    }

    private float pitch(float size) {
        Float own = pitches.get(size);
        if (own != null) {
            return own;
        }
        Float bodyPitch = pitches.get(body);
        return bodyPitch != null && body > 0 ? bodyPitch * size / body : DEFAULT_PITCH * size;
    }

    /**
     * Where the text column that a line starting at {@code x} belongs to ends: the widest such line on its page, else
     * in the document; with too few lines to tell, at least where a right margin as wide as the left one begins.
     */
    private float columnRight(int page, float x, float size) {
        NavigableMap<Float, float[]> own = pageColumns.get(page);
        float onPage = own == null ? 0 : columnRight(own, x, size, COLUMN_LINES);
        if (onPage > 0) {
            return onPage;
        }
        float inDocument = columnRight(columns, x, size, COLUMN_LINES);
        if (inDocument > 0) {
            return inDocument;
        }
        float[] pageSize = pageSizes.get(page);
        float mirrored = pageSize == null ? 0 : pageSize[0] - x;
        return Math.max(columnRight(columns, x, size, 1), mirrored);
    }

    private static float columnRight(NavigableMap<Float, float[]> edges, float x, float size, int minLines) {
        float right = 0;
        int lines = 0;
        for (float[] edge : edges.subMap(x - 2 * size, true, x + 2 * size, true).values()) {
            right = Math.max(right, edge[0]);
            lines += (int) edge[1];
        }
        return lines >= minLines ? right : 0;
    }

    private boolean isLarge(PdfLine line) {
        return body > 0 && line.size() >= LARGER * body;
    }

    // ---- 3. blocks and 4. headings

    private List<Block> build() {
        List<List<List<PdfLine>>> groupsByPage = new ArrayList<>();
        Map<List<PdfLine>, PdfTables.Table> tables = new IdentityHashMap<>();
        Set<Float> paragraphSizes = new TreeSet<>();
        for (List<PdfLine> page : pages) {
            List<List<PdfLine>> groups = new ArrayList<>();
            int next = 0;
            for (PdfTables.Table table : PdfTables.find(page)) {
                groups.addAll(group(page.subList(next, table.from())));
                List<PdfLine> tableLines = page.subList(table.from(), table.to());
                groups.add(tableLines);
                tables.put(tableLines, table);
                warnings.addAll(table.warnings());
                next = table.to();
            }
            groups.addAll(group(page.subList(next, page.size())));
            groupsByPage.add(groups);
            for (List<PdfLine> g : groups) {
                if (!tables.containsKey(g)
                        && isLarge(g.getFirst())
                        && (g.size() > MAX_LARGE_HEADING_LINES || chars(g) > PARAGRAPH_LIKE_CHARS)) {
                    paragraphSizes.add(g.getFirst().size());
                }
            }
        }
        // first pass: which blocks are headings, and at which sizes
        List<Draft> drafts = new ArrayList<>();
        Set<Float> headingSizes = new TreeSet<>();
        for (List<List<PdfLine>> groups : groupsByPage) {
            for (List<PdfLine> g : groups) {
                if (tables.containsKey(g)) {
                    drafts.add(new Draft(Kind.TABLE, g));
                    continue;
                }
                int headingLines = headingLines(g, paragraphSizes);
                if (headingLines > 0) {
                    List<PdfLine> heading = g.subList(0, headingLines);
                    drafts.add(new Draft(Kind.HEADING, heading));
                    headingSizes.add(g.getFirst().size());
                    if (headingLines < g.size()) {
                        drafts.add(new Draft(Kind.PARAGRAPH, g.subList(headingLines, g.size())));
                    }
                } else {
                    drafts.add(new Draft(isBullet(g.getFirst()) ? Kind.LIST_ITEM : Kind.PARAGRAPH, g));
                }
            }
        }
        Map<Float, Integer> levels = levels(headingSizes);
        List<Block> blocks = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            if (d.kind() == Kind.TABLE) {
                PdfTables.Table table = tables.get(d.lines());
                blocks.add(new Block(d.lines().getFirst().page(), Kind.TABLE, 0, joined(d.lines()), table.rows()));
                continue;
            }
            String text = joined(d.lines());
            int level = 0;
            if (d.kind() == Kind.HEADING) {
                level = levels.get(d.lines().getFirst().size());
            } else if (d.kind() == Kind.LIST_ITEM) {
                text = StructureHandler.BULLET.matcher(text).replaceFirst("");
            }
            blocks.add(new Block(d.lines().getFirst().page(), d.kind(), level, text));
        }
        return blocks;
    }

    private record Draft(Kind kind, List<PdfLine> lines) {}

    /** Level 1 for the largest heading size, 2 for the next…; sizes within {@value #SAME_SIZE} pt share a level. */
    private static Map<Float, Integer> levels(Set<Float> headingSizes) {
        List<Float> sizes = new ArrayList<>(headingSizes);
        sizes.sort((a, b) -> Float.compare(b, a));
        Map<Float, Integer> levels = new HashMap<>();
        int level = 0;
        float levelSize = Float.MAX_VALUE;
        for (float size : sizes) {
            if (size < levelSize - SAME_SIZE) {
                level = Math.min(MAX_LEVEL, level + 1);
                levelSize = size;
            }
            levels.put(size, level);
        }
        return levels;
    }

    /** Splits the lines of one page into blocks. */
    private List<List<PdfLine>> group(List<PdfLine> page) {
        List<List<PdfLine>> groups = new ArrayList<>();
        List<PdfLine> current = new ArrayList<>();
        for (PdfLine line : page) {
            if (!current.isEmpty() && startsBlock(current, line)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(line);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private boolean startsBlock(List<PdfLine> block, PdfLine line) {
        PdfLine previous = block.getLast();
        if (isBullet(line)) {
            return true;
        }
        if (Math.abs(line.size() - previous.size()) > SAME_SIZE || isLarge(line) != isLarge(previous)) {
            return true;
        }
        float size = Math.max(line.size(), previous.size());
        float down = line.y() - previous.y();
        if (down < -0.5f * size) {
            return true; // back up the page: the next column, or text placed out of order
        }
        if (down > PARAGRAPH_GAP * pitch(line.size()) + 0.5f) {
            return true;
        }
        if (down < 0.5f * size) {
            return false; // the same visual line, cut in two by the extractor
        }
        float indent = INDENT * line.size();
        boolean shifted = Math.abs(line.x() - previous.x()) > indent;
        if (shifted
                && block.size() >= 2
                && Math.abs(previous.x() - block.get(block.size() - 2).x()) < 1) {
            return true; // leaves the left edge that the block's lines had kept
        }
        if (shifted && wasBrokenOnPurpose(previous, line)) {
            return true;
        }
        if (endsSentence(previous.text())) {
            boolean listItem = isBullet(block.getFirst());
            if (!listItem && line.x() > previous.x() + indent) {
                return true; // first-line indent
            }
            return wasBrokenOnPurpose(previous, line);
        }
        return false;
    }

    /** The first word of {@code next} would have fitted at the end of {@code line}: the break was not a wrap. */
    private boolean wasBrokenOnPurpose(PdfLine line, PdfLine next) {
        float columnRight = columnRight(line.page(), line.x(), line.size());
        float space = 0.25f * line.size();
        return line.right() + space + next.firstWordWidth() < columnRight - 0.5f;
    }

    /** How many leading lines of a block make a heading; 0 when it is not one. */
    private int headingLines(List<PdfLine> block, Set<Float> paragraphSizes) {
        PdfLine first = block.getFirst();
        if (isBullet(first) || block.stream().anyMatch(PdfLine::spaced)) {
            return 0;
        }
        if (isLarge(first)) {
            if (paragraphSizes.contains(first.size()) || block.size() > MAX_LARGE_HEADING_LINES) {
                return 0;
            }
            return looksLikeHeading(joined(block), MAX_LARGE_HEADING_CHARS) ? block.size() : 0;
        }
        if (bodyBold || first.size() < body - 0.5f) {
            return 0;
        }
        int bold = 0;
        while (bold < block.size() && block.get(bold).bold()) {
            bold++;
        }
        if (bold == 0 || bold > MAX_BOLD_HEADING_LINES) {
            return 0;
        }
        if (bold < block.size()) {
            // a bold heading on the line right before the text: only when that line was broken on purpose
            PdfLine last = block.get(bold - 1);
            PdfLine next = block.get(bold);
            if (!wasBrokenOnPurpose(last, next) || !startsLikeHeading(next.text())) {
                return 0;
            }
        }
        return looksLikeHeading(joined(block.subList(0, bold)), MAX_BOLD_HEADING_CHARS) ? bold : 0;
    }

    private static boolean looksLikeHeading(String text, int maxChars) {
        if (text.length() > maxChars
                || !startsLikeHeading(text)
                || isPageNumber(text)
                || CONTENTS_ENTRY.matcher(text).find()) {
            return false;
        }
        if (UNFINISHED.matcher(text).find()) {
            return false;
        }
        int letters = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (Character.isDigit(c)) {
                digits++;
            }
        }
        return letters >= 2 && letters >= digits;
    }

    /** Not a continuation: it does not start with a lowercase letter or closing punctuation. */
    private static boolean startsLikeHeading(String text) {
        int c = text.codePointAt(0);
        return !Character.isLowerCase(c) && ",.;:)]}".indexOf(c) < 0;
    }

    /** {@link #SENTENCE_END}, which {@code find()} would try at every position of the line, read from the end. */
    private static boolean endsSentence(String text) {
        int i = text.length() - 1;
        if (i < 0) {
            return false;
        }
        if (isLineTerminator(text.charAt(i))) {
            return SENTENCE_END.matcher(text).find(); // "$" also matches before it
        }
        while (i >= 0 && "\"'”’)]".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".!?:".indexOf(text.charAt(i)) >= 0;
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isBullet(PdfLine line) {
        String text = line.text();
        int i = 0;
        while (i < text.length() && (isWhitespace(text.charAt(i)) || text.charAt(i) == '\u00A0')) {
            i++;
        }
        if (i == text.length() || StructureHandler.BULLET_GLYPHS.indexOf(text.charAt(i)) < 0) {
            return false; // the pattern needs a bullet glyph here; most lines start with a letter
        }
        return StructureHandler.BULLET.matcher(text).lookingAt();
    }

    /** {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int chars(List<PdfLine> lines) {
        int n = 0;
        for (PdfLine line : lines) {
            n += line.text().length();
        }
        return n;
    }

    private static boolean endsWithHyphenatedWord(StringBuilder text) {
        int n = text.length();
        return n >= 2 && text.charAt(n - 1) == '-' && Character.isLetter(text.charAt(n - 2));
    }

    /** The lines of a block as one text: "hyphen-" + lowercase continuation joined, other lines with a space. */
    static String joined(List<PdfLine> lines) {
        StringBuilder text = new StringBuilder();
        for (PdfLine line : lines) {
            String next = line.text();
            if (text.isEmpty()) {
                text.append(next);
            } else if (endsWithHyphenatedWord(text) && Character.isLowerCase(next.codePointAt(0))) {
                text.setLength(text.length() - 1);
                text.append(next);
            } else if (text.charAt(text.length() - 1) == '\u00AD') {
                text.setLength(text.length() - 1);
                text.append(next);
            } else {
                text.append(' ').append(next);
            }
        }
        return text.toString();
    }
}
