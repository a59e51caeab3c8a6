package dev.verity.document;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Where a chunk sits in its document.
 *
 * @param pageStart first page (1-based), or 0 when the format has no pages
 * @param pageEnd last page, or 0
 * @param sectionPath headings from the top level down to the chunk's section; empty at top level
 * @param span character offsets into the document's extracted text
 * @param ocrConfidence when some of its pages were read by OCR: the lowest mean word confidence (0–100) among them
 *     ({@link ParseQuality#ocrConfidence(int, int)}); empty for text that came from a text layer
 * @param passage what the chunk is when it is not running text, as a citation names it ({@link Block.Note#label()},
 *     e.g. {@code "comment by Ana Berg"}, {@code "speaker notes"}); empty for the document's body
 */
public record Location(
        int pageStart, int pageEnd, List<String> sectionPath, Span span, OptionalDouble ocrConfidence, String passage) {
    public Location {
        if (pageStart < 0 || pageEnd < pageStart) {
            throw new IllegalArgumentException(
                    "pages must satisfy 0 <= pageStart <= pageEnd, got " + pageStart + ".." + pageEnd);
        }
        sectionPath = List.copyOf(sectionPath);
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(ocrConfidence, "ocrConfidence");
        if (ocrConfidence.isPresent() && !(ocrConfidence.getAsDouble() >= 0 && ocrConfidence.getAsDouble() <= 100)) {
            throw new IllegalArgumentException("ocrConfidence must be in 0..100, got " + ocrConfidence.getAsDouble());
        }
        Objects.requireNonNull(passage, "passage");
    }

    /** A location in the document's body text. */
    public Location(int pageStart, int pageEnd, List<String> sectionPath, Span span, OptionalDouble ocrConfidence) {
        this(pageStart, pageEnd, sectionPath, span, ocrConfidence, "");
    }

    /** A location in text that came from a text layer, not from OCR. */
    public Location(int pageStart, int pageEnd, List<String> sectionPath, Span span) {
        this(pageStart, pageEnd, sectionPath, span, OptionalDouble.empty());
    }

    /** The same location with the OCR confidence of its pages. */
    public Location withOcrConfidence(OptionalDouble confidence) {
        return new Location(pageStart, pageEnd, sectionPath, span, confidence, passage);
    }

    /** The same location marked as a passage that is not running text (see {@link #passage()}). */
    public Location withPassage(String label) {
        return new Location(pageStart, pageEnd, sectionPath, span, ocrConfidence, label);
    }

    /** The section path as one line, e.g. {@code "Benefits > Leave"}; empty at top level. */
    public String section() {
        return String.join(" > ", sectionPath);
    }
}
