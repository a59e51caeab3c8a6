package dev.verity.parsers.format;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads one family of formats into blocks. The router ({@code dev.verity.parsers.RoutingDocumentParser}) detects the
 * media type of a file once, maps it to a {@link Format}, checks the file, and hands it to the one reader for that
 * format's {@link Format.Reader}; the reader writes headings, paragraphs, list items, tables and pages to the
 * {@link Sink}, in reading order, and returns what the file says about itself besides them. The router builds the
 * document from the sink and settles its title.
 *
 * <p>Implementations, one per {@link Format.Reader}: {@code TikaReader} (DOC, DOCX, ODT, RTF, EPUB, XLS, XLSX, ODS, PPT, MSG, and the
 * PDFs PDFBox cannot read), {@code PdfReader}, {@code PresentationReader} (PPTX), {@code PresentationXmlReader} (ODP),
 * {@code DelimitedTextReader} (CSV, TSV), {@code HtmlReader}, {@code MarkdownReader}, {@code PlainTextReader},
 * {@code EmailReader}, {@code MboxReader}, {@code MediaReader} (audio, video) and {@code ImageFileReader} (PNG, JPEG,
 * TIFF, BMP, GIF, WebP by OCR). Each is configured once through its constructor and is thread-safe: one instance serves every file.
 *
 * <p>Do NOT detect the media type again in a reader: it is in the {@link Source}, detected from the bytes and the
 * name by the router (or by the parent of an isolated parser process, which sends it along).
 */
public interface FormatReader {

    /**
     * Writes the file's blocks to the sink.
     *
     * @return the file's own title and first line, {@link Result#NONE} when the format has neither
     * @throws Exception whatever the parser library throws on a bad file (I/O, SAX, Tika, POI, mime4j, CSV…):
     *     the router maps it to one typed rejection ({@link Failures}); a reader throws
     *     {@link dev.verity.ingestion.parsing.DocumentRejectedException} itself only when it knows the reason better
     */
    Result read(Source source, Sink sink) throws Exception;

    /**
     * One file to read, as the router found it.
     *
     * @param file the bytes on disk
     * @param name the file's name, as given by the caller (for messages; the type is already known)
     * @param mediaType the detected media type without parameters, e.g. {@code text/x-log}; more specific than
     *     {@link Format#mediaType()} for the formats that accept a family of types
     * @param format what the media type was accepted as
     * @param depth 0 for a file given to the router; 1 for an e-mail attachment, 2 for an attachment of an attached
     *     message…
     * @param attachments the e-mail attachments read so far in the message tree this file belongs to
     */
    record Source(Path file, String name, String mediaType, Format format, int depth, AttachmentCount attachments) {
        public Source {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(attachments, "attachments");
            if (depth < 0) {
                throw new IllegalArgumentException("depth must be >= 0, got " + depth);
            }
        }
    }

    /**
     * What a file says about itself besides its blocks.
     *
     * @param title the title the file declares (document properties, {@code <title>}, an e-mail's subject), empty when
     *     it declares none
     * @param firstLine the first line of running text, empty when unknown; the router titles a PDF by it when nothing
     *     better is found
     */
    record Result(String title, String firstLine) {
        /** No title, no first line. */
        public static final Result NONE = new Result("", "");

        public Result {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(firstLine, "firstLine");
        }

        public static Result titled(String title) {
            return new Result(title, "");
        }
    }
}
