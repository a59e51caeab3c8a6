package dev.verity.eval.metrics;

import dev.verity.internal.Checks;

/**
 * Where a retrieved chunk comes from, as far as labelled relevance can tell.
 *
 * @param source the document's source name
 * @param pageStart first page, 0 when the format has no pages
 * @param pageEnd last page, 0 when the format has no pages
 */
public record Passage(String source, int pageStart, int pageEnd) {
    public Passage {
        Checks.nonBlank(source, "source");
        if (pageStart < 0 || pageEnd < pageStart) {
            throw new IllegalArgumentException(
                    "pages must satisfy 0 <= pageStart <= pageEnd, got " + pageStart + ".." + pageEnd);
        }
    }

    boolean covers(int page) {
        return pageStart > 0 && page >= pageStart && page <= pageEnd;
    }
}
