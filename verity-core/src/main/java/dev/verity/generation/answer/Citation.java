package dev.verity.generation.answer;

import dev.verity.internal.Checks;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A passage an answer rests on.
 *
 * @param source the file name as ingested
 * @param page 1-based page (or slide) where the chunk starts, 0 when the format has no pages
 * @param section the heading path, e.g. {@code "Benefits > Leave"}; empty at top level
 * @param quote the exact words relied on: always a verbatim substring of the chunk's text
 * @param chunkId the chunk quoted
 * @param documentId the document quoted
 * @param score how strongly this passage supports the answer, in [0, 1]
 * @param ocrConfidence when the passage was read by OCR, the confidence of its pages (0–100), so a reader knows the
 *     quote may carry recognition errors; empty for text from a text layer
 * @param passage what the quoted passage is when it is not the document's running text, e.g. {@code "comment by Ana
 *     Berg"}, {@code "speaker notes"}, {@code "PDF annotation"} ({@link dev.verity.document.Location#passage()});
 *     empty for body text
 */
public record Citation(
        String source,
        int page,
        String section,
        String quote,
        String chunkId,
        String documentId,
        double score,
        OptionalDouble ocrConfidence,
        String passage) {
    public Citation {
        Checks.nonBlank(source, "source");
        Checks.nonNegative(page, "page");
        Objects.requireNonNull(section, "section");
        Checks.nonBlank(quote, "quote");
        Checks.nonBlank(chunkId, "chunkId");
        Checks.nonBlank(documentId, "documentId");
        Objects.requireNonNull(ocrConfidence, "ocrConfidence");
        Objects.requireNonNull(passage, "passage");
    }

    /** A citation of the document's body text. */
    public Citation(
            String source,
            int page,
            String section,
            String quote,
            String chunkId,
            String documentId,
            double score,
            OptionalDouble ocrConfidence) {
        this(source, page, section, quote, chunkId, documentId, score, ocrConfidence, "");
    }

    /** A citation of text that came from a text layer. */
    public Citation(
            String source, int page, String section, String quote, String chunkId, String documentId, double score) {
        this(source, page, section, quote, chunkId, documentId, score, OptionalDouble.empty());
    }
}
