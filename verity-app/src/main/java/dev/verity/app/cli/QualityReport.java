package dev.verity.app.cli;

import dev.verity.document.ParseQuality;
import java.util.ArrayList;
import java.util.List;

/** A parse-quality report as lines for people, shared by {@code verity docs --quality} and {@code verity inspect}. */
final class QualityReport {
    private QualityReport() {}

    /**
     * A summary line, then one line per warning, e.g.
     * {@code "3 pages (1 without text: 2), OCR 1 page (33%, mean confidence 91%), 1 table: 4 rows, 12 cells (2
     * empty), characters per page: min 0, median 1800"}.
     */
    static List<String> lines(ParseQuality q) {
        List<String> parts = new ArrayList<>();
        if (q.pages() > 0) {
            parts.add(plural(q.pages(), "page")
                    + (q.pagesWithoutText().isEmpty()
                            ? ""
                            : " (" + q.pagesWithoutText().size() + " without text: " + pages(q.pagesWithoutText())
                                    + ")"));
        }
        if (q.ocrPages() > 0) {
            parts.add("OCR " + plural(q.ocrPages(), "page") + " (" + Math.round(q.ocrShare() * 100) + "%, mean"
                    + " confidence " + Math.round(q.meanOcrConfidence().orElse(0)) + "%)");
        }
        if (q.tables() > 0) {
            parts.add(plural(q.tables(), "table") + ": " + plural(q.tableRows(), "row") + ", "
                    + plural(q.tableCells(), "cell") + (q.emptyCells() > 0 ? " (" + q.emptyCells() + " empty)" : ""));
        }
        parts.add(
                q.pages() > 0
                        ? "characters per page: min " + q.minCharsPerPage() + ", median " + q.medianCharsPerPage()
                        : q.chars() + " characters");
        List<String> lines = new ArrayList<>();
        lines.add(String.join(", ", parts));
        for (String warning : q.warnings()) {
            lines.add("warning: " + warning);
        }
        return lines;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "2, 5, 9" — at most ten, then "…". */
    private static String pages(List<Integer> pages) {
        List<String> shown = pages.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", shown) + (pages.size() > 10 ? ", …" : "");
    }
}
