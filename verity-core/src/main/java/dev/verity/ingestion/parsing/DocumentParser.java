package dev.verity.ingestion.parsing;

import dev.verity.document.ParsedDocument;
import java.nio.file.Path;

/**
 * Turns a file into a normalized {@link ParsedDocument}: text plus structure (pages, headings, paragraphs, lists,
 * tables, e-mail headers). Implementations: {@code RoutingDocumentParser} (every supported format, with dedicated paths for
 * HTML, Markdown and CSV) in {@code verity-parsers}, and {@code IsolatedDocumentParser}, the same in bounded child
 * processes, which adds the rejections {@code TIMEOUT} and {@code PARSER_CRASHED}.
 *
 * <p>Contract: either return a document or throw {@link DocumentRejectedException} with a typed reason; never return
 * a half-parsed document for a file that failed, and never throw anything else for a bad file. The language of the
 * returned document may be left undetermined; the pipeline detects it.
 */
public interface DocumentParser {

    /**
     * @param file the file's bytes on disk
     * @param fileName the name to detect the type from and to fall back on as title
     */
    ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException;
}
