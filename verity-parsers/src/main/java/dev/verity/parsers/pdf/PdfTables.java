package dev.verity.parsers.pdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds tables among the lines of one PDF page by column alignment, the way a reader sees them without ruling lines:
 * consecutive lines cut into cells by wide gaps ({@link PdfLine#cells()}) whose cells stand in the same columns.
 *
 * <ol>
 *   <li>A run is a sequence of lines, each going down the page by no more than {@value #MAX_ROW_GAP} line heights,
 *       of which most have two or more cells. A line with one cell may sit inside a run (not at its end): in the
 *       first column it is a row of its own, further right it is the wrapped text of the cell above.
 *   <li>The columns are measured on the lines with the most common number of cells (at least {@value #MIN_COLUMNS}):
 *       column {@code c} spans from the leftmost start to the rightmost end of their {@code c}-th cells. The run is a
 *       table only when these spans do not overlap, when at least two thirds of its multi-cell lines have that
 *       number of cells, and when it has {@value #MIN_LINES} lines or more ({@value #MIN_LINES_WIDE} with three
 *       columns or more).
 *   <li>Every cell goes to the column it overlaps most (the nearest when it overlaps none). The first line is the
 *       header. Nothing is dropped: two cells landing in one column are joined, and a cell's wrapped text is joined
 *       to the row above, each with a warning naming the page and row.
 * </ol>
 */
final class PdfTables {
    static final int MIN_COLUMNS = 2;
    static final int MIN_LINES = 3;
    static final int MIN_LINES_WIDE = 2;
    /** Rows further apart than this many line heights belong to different tables (or none). */
    static final float MAX_ROW_GAP = 2.5f;

    private PdfTables() {}

    /**
     * One table found on a page.
     *
     * @param from index of its first line among the page's lines
     * @param to index after its last line
     * @param rows the header, then the data rows, each with one cell per column
     * @param warnings cells joined or spanning columns, each naming the page and row
     */
    record Table(int from, int to, List<List<String>> rows, List<String> warnings) {}

    /** The tables among the lines of one page, in order, none overlapping. */
    static List<Table> find(List<PdfLine> page) {
        List<Table> tables = new ArrayList<>();
        int i = 0;
        while (i < page.size()) {
            if (page.get(i).cells().size() < MIN_COLUMNS) {
                i++;
                continue;
            }
            int end = runEnd(page, i);
            Table table = table(page, i, end);
            if (table != null) {
                tables.add(table);
                i = end;
            } else {
                i++;
            }
        }
        return tables;
    }

    /** The index after the last multi-cell line of the run starting at {@code start}. */
    private static int runEnd(List<PdfLine> page, int start) {
        int lastMulti = start;
        for (int j = start + 1; j < page.size(); j++) {
            PdfLine previous = page.get(j - 1);
            PdfLine line = page.get(j);
            float down = line.y() - previous.y();
            float height = Math.max(line.size(), previous.size());
            if (down < 0.3f * height || down > MAX_ROW_GAP * height * PdfLayout.DEFAULT_PITCH) {
                break;
            }
            if (line.cells().size() >= MIN_COLUMNS) {
                lastMulti = j;
            }
        }
        return lastMulti + 1;
    }

    private static Table table(List<PdfLine> page, int from, int to) {
        List<PdfLine> lines = page.subList(from, to);
        Map<Integer, Integer> counts = new HashMap<>();
        int multi = 0;
        for (PdfLine line : lines) {
            if (line.cells().size() >= MIN_COLUMNS) {
                counts.merge(line.cells().size(), 1, Integer::sum);
                multi++;
            }
        }
        int columns = 0;
        int most = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() > most || (e.getValue() == most && e.getKey() > columns)) {
                columns = e.getKey();
                most = e.getValue();
            }
        }
        int minLines = columns >= 3 ? MIN_LINES_WIDE : MIN_LINES;
        if (columns < MIN_COLUMNS || most * 3 < multi * 2 || multi < minLines) {
            return null;
        }
        float[] left = new float[columns];
        float[] right = new float[columns];
        java.util.Arrays.fill(left, Float.MAX_VALUE);
        java.util.Arrays.fill(right, -Float.MAX_VALUE);
        for (PdfLine line : lines) {
            if (line.cells().size() == columns) {
                for (int c = 0; c < columns; c++) {
                    left[c] = Math.min(left[c], line.cells().get(c).x());
                    right[c] = Math.max(right[c], line.cells().get(c).right());
                }
            }
        }
        for (int c = 0; c + 1 < columns; c++) {
            if (right[c] >= left[c + 1]) {
                return null; // the columns run into each other: not aligned
            }
        }
        int pageNumber = lines.getFirst().page();
        List<List<String>> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (PdfLine line : lines) {
            List<PdfLine.Cell> cells = line.cells().isEmpty()
                    ? List.of(new PdfLine.Cell(line.x(), line.right(), line.text()))
                    : line.cells();
            String[] row = new String[columns];
            boolean continuation = cells.size() == 1 && !rows.isEmpty() && column(cells.getFirst(), left, right) > 0;
            int rowNumber = continuation ? rows.size() - 1 : rows.size(); // 0 is the header
            for (PdfLine.Cell cell : cells) {
                int c = column(cell, left, right);
                if (spans(cell, left, right, c)) {
                    warnings.add("page " + pageNumber + ": table " + rowName(rowNumber) + ": a cell spans several"
                            + " columns; kept in column " + (c + 1));
                }
                if (row[c] != null) {
                    warnings.add("page " + pageNumber + ": table " + rowName(rowNumber) + ": two cells joined in"
                            + " column " + (c + 1));
                    row[c] = row[c] + " " + cell.text();
                } else {
                    row[c] = cell.text();
                }
            }
            if (continuation) {
                List<String> above = rows.getLast();
                int c = column(cells.getFirst(), left, right);
                above.set(c, above.get(c).isEmpty() ? row[c] : above.get(c) + " " + row[c]);
                warnings.add("page " + pageNumber + ": table " + rowName(rowNumber) + ": a wrapped line in column "
                        + (c + 1) + " joined to the row above");
                continue;
            }
            List<String> filled = new ArrayList<>(columns);
            for (String cell : row) {
                filled.add(cell == null ? "" : cell);
            }
            rows.add(filled);
        }
        return new Table(from, to, rows, warnings);
    }

    private static String rowName(int row) {
        return row == 0 ? "header" : "row " + row;
    }

    /** The column a cell overlaps most; the nearest one when it overlaps none. */
    private static int column(PdfLine.Cell cell, float[] left, float[] right) {
        int best = 0;
        float bestOverlap = -Float.MAX_VALUE;
        for (int c = 0; c < left.length; c++) {
            float overlap = Math.min(cell.right(), right[c]) - Math.max(cell.x(), left[c]);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = c;
            }
        }
        return best;
    }

    /** Whether the cell also covers most of a neighbouring column. */
    private static boolean spans(PdfLine.Cell cell, float[] left, float[] right, int column) {
        for (int c = 0; c < left.length; c++) {
            if (c != column) {
                float overlap = Math.min(cell.right(), right[c]) - Math.max(cell.x(), left[c]);
                if (overlap > 0.5f * (right[c] - left[c])) {
                    return true;
                }
            }
        }
        return false;
    }
}
