package dev.verity.document;

import java.util.List;

/**
 * Where a chunk sits in its document.
 *
 * @param pageStart first page (1-based), or 0 when the format has no pages
 * @param pageEnd last page, or 0
 * @param sectionPath headings from the top level down to the chunk's section; empty at top level
 * @param span character offsets into the document's extracted text
 */
public record Location(int pageStart, int pageEnd, List<String> sectionPath, Span span) {
    public Location {
        if (pageStart < 0 || pageEnd < pageStart) {
            throw new IllegalArgumentException(
                    "pages must satisfy 0 <= pageStart <= pageEnd, got " + pageStart + ".." + pageEnd);
        }
        sectionPath = List.copyOf(sectionPath);
    }

    /** The section path as one line, e.g. {@code "Benefits > Leave"}; empty at top level. */
    public String section() {
        return String.join(" > ", sectionPath);
    }
}
