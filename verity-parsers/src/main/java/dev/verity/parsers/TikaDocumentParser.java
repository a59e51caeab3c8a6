package dev.verity.parsers;

import dev.verity.document.Block;
import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * The {@link DocumentParser} for every format Verity indexes. It detects the media type from the bytes and the file
 * name with Tika, then reads the file on the path that keeps the most structure:
 *
 * <ul>
 *   <li>PDF: PDFBox's lines with their fonts and positions, rebuilt into headings (by font size and weight),
 *       paragraphs and list items per page, running headers, footers and page numbers left out
 *       ({@link PdfLayout}); files PDFBox cannot read, scans and forms go to Tika as below;
 *   <li>DOCX, ODT, RTF, EPUB, XLSX, XLS, ODS: Tika's XHTML, mapped to headings, paragraphs, list items and tables
 *       (one table per sheet, headed by the sheet name);
 *   <li>PPTX and ODP: POI's slide model and the ODP content.xml, one page per slide, the slide title as heading;
 *   <li>HTML: jsoup, with navigation, banners, footers, forms and scripts removed;
 *   <li>Markdown: commonmark with GFM tables; CSV and TSV: commons-csv, delimiter sniffed; TXT: paragraphs;
 *   <li>e-mail (RFC 822): headers, the body and the text of the attachments;
 *   <li>PNG, JPEG, TIFF: OCR with Tesseract, one page per image or TIFF frame; PDF pages without a usable text layer
 *       are OCR'd too ({@link OcrSettings}: {@code auto}, {@code force} or {@code off}).
 * </ul>
 *
 * Any other type is rejected as {@code UNSUPPORTED_TYPE}; a file that fails is rejected with a typed reason
 * ({@code EMPTY}, {@code ENCRYPTED}, {@code CORRUPT}, {@code TOO_LARGE}, {@code UNPARSEABLE}, {@code UNREADABLE}),
 * never returned half-parsed.
 *
 * <pre>{@code
 * DocumentParser parser = new TikaDocumentParser(ParserSettings.defaults());
 * ParsedDocument doc = parser.parse(Path.of("handbook.pdf"), "handbook.pdf");
 * }</pre>
 *
 * <p>Every document carries a {@link dev.verity.document.ParseQuality} report: pages without text, pages OCR'd and
 * their confidence, tables and cells, characters per page, and the warnings of the readers.
 *
 * <p>Safety: OCR runs only through our own {@link OcrSettings} (Tika's own OCR stays off), embedded documents are
 * not parsed (e-mail attachments excepted, within {@link ParserSettings} limits), XML is read with Tika's hardened
 * parsers, and the extracted text is capped at {@link ParserSettings#maxChars()}. Thread-safe: one instance is meant to be shared by all ingestion workers.
 * Creating one loads Tika's configuration, which takes about a second; do not create one per file.
 */
public final class TikaDocumentParser implements DocumentParser {
    /** The container Tika reports for password-protected DOCX, XLSX and PPTX files. */
    private static final Set<MediaType> PROTECTED_OFFICE = Set.of(
            MediaType.application("x-tika-ooxml-protected"), MediaType.application("x-tika-msoffice-encrypted"));
    /** A first line longer than this is running text, not a title. */
    private static final int MAX_TITLE_LINE = 150;

    private final ParserSettings settings;
    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final TextFiles textFiles;
    private final TikaReader tika = new TikaReader();
    private final Ocr ocr;
    private final PdfReader pdf;
    private final ImageFileReader images;
    private final EmailReader email;

    public TikaDocumentParser() {
        this(ParserSettings.defaults());
    }

    public TikaDocumentParser(ParserSettings settings) {
        this(settings, OcrSettings.defaults());
    }

    public TikaDocumentParser(ParserSettings settings, OcrSettings ocr) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ocr = new Ocr(Objects.requireNonNull(ocr, "ocr"));
        this.pdf = new PdfReader(tika, this.ocr);
        this.images = new ImageFileReader(this.ocr);
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.registry = config.getMediaTypeRegistry();
        this.textFiles = new TextFiles(config.getEncodingDetector());
        this.email = new EmailReader(settings, this::parseAttachment);
    }

    public ParserSettings settings() {
        return settings;
    }

    public OcrSettings ocrSettings() {
        return ocr.settings();
    }

    /**
     * What keeps OCR from running although it is on: the {@code tesseract} program or a language pack is missing
     * (the message names the Debian package to install). Empty when OCR is ready or switched off. Runs
     * {@code tesseract --list-langs} the first time.
     */
    public Optional<String> ocrProblem() {
        return ocr.settings().enabled() ? ocr.tesseract().problem() : Optional.empty();
    }

    @Override
    public ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException {
        Objects.requireNonNull(file, "file");
        String name = fileName == null || fileName.isBlank()
                ? String.valueOf(file.getFileName())
                : fileName;
        return parse(file, name, 0, new TextBudget(settings.maxChars()), new EmailReader.AttachmentCount());
    }

    private ParsedDocument parseAttachment(
            Path file, String name, int depth, TextBudget outer, EmailReader.AttachmentCount count)
            throws DocumentRejectedException {
        return parse(file, name, depth, new TextBudget(outer.remaining()), count);
    }

    private ParsedDocument parse(
            Path file, String fileName, int depth, TextBudget budget, EmailReader.AttachmentCount count)
            throws DocumentRejectedException {
        MediaType type = detect(file, fileName);
        if (PROTECTED_OFFICE.contains(type.getBaseType())) {
            throw Failures.encrypted("Office document", null);
        }
        Format format = Format.of(type, registry).orElseThrow(() -> new DocumentRejectedException(
                RejectionReason.UNSUPPORTED_TYPE, "files of type " + type.getBaseType() + " are not supported"));
        if (format.isText() && looksBinary(file)) {
            throw new DocumentRejectedException(RejectionReason.UNSUPPORTED_TYPE,
                    "the file holds binary data, not the text its name (" + fileName + ") suggests");
        }
        String mediaType = type.getBaseType().toString();
        Sink sink = new Sink(mediaType, format.kind(), budget);
        String ownTitle = "";
        String firstLine = "";
        try {
            Integrity.check(format, file);
            switch (format.reader()) {
                case TIKA -> ownTitle = tika.read(format, file, sink).metadataTitle();
                case PDF -> {
                    PdfReader.Result result = pdf.read(file, sink);
                    ownTitle = result.metadataTitle();
                    firstLine = result.firstLine();
                }
                case PRESENTATION -> ownTitle = PresentationReader.read(file, sink);
                case ODF_PRESENTATION -> PresentationXmlReader.read(file, sink);
                case DELIMITED -> {
                    try (BufferedReader reader = textFiles.open(file, mediaType)) {
                        DelimitedTextReader.read(reader, format, sink);
                    }
                }
                case HTML -> ownTitle = HtmlReader.read(textFiles.read(file, mediaType), sink);
                case MARKDOWN -> MarkdownReader.read(textFiles.read(file, mediaType), sink);
                case TEXT -> {
                    try (BufferedReader reader = textFiles.open(file, mediaType)) {
                        PlainTextReader.read(reader, sink);
                    }
                }
                case EMAIL -> ownTitle = email.read(file, sink, depth, count);
                case IMAGE -> images.read(format, file, sink);
            }
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + fileName, e);
        } catch (Exception | StackOverflowError | AssertionError e) {
            // AssertionError: parser libraries assert on input they cannot handle (Tika's RTF reader does)
            throw Failures.reject(format, e, budget);
        }
        if (budget.exceeded()) {
            throw Failures.tooLarge(budget.max(), null); // a library swallowed the limit: still never index in part
        }
        ParsedDocument doc = sink.build();
        return retitled(doc, title(doc, format, ownTitle, firstLine, fileName));
    }

    private static boolean looksBinary(Path file) throws DocumentRejectedException {
        try {
            return TextFiles.looksBinary(file);
        } catch (IOException e) {
            throw new DocumentRejectedException(RejectionReason.UNREADABLE,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private MediaType detect(Path file, String fileName) throws DocumentRejectedException {
        try {
            if (Files.size(file) == 0) {
                throw new DocumentRejectedException(RejectionReason.EMPTY, "the file is empty (0 bytes)");
            }
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
            try (TikaInputStream in = TikaInputStream.get(file)) {
                return detector.detect(in, metadata);
            }
        } catch (IOException e) {
            throw new DocumentRejectedException(RejectionReason.UNREADABLE,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    /**
     * The document's own title (metadata, {@code <title>}, subject); else, for prose and slides, the first heading
     * (for a PDF only when the text starts with it, since a PDF's headings are inferred from fonts); else the first
     * line of a PDF; else the file name. Sheet names and attachment headings make poor titles.
     */
    private static String title(ParsedDocument doc, Format format, String ownTitle, String firstLine, String fileName) {
        if (!ownTitle.isBlank()) {
            return ownTitle;
        }
        if (format == Format.PDF) {
            if (!doc.blocks().isEmpty() && doc.blocks().getFirst() instanceof Block.Heading heading) {
                return heading.text();
            }
        } else if ((format.kind() == DocumentKind.PROSE || format.kind() == DocumentKind.SLIDES)
                && doc.blocks().stream().anyMatch(Block.Heading.class::isInstance)) {
            return doc.title();
        }
        if (!firstLine.isBlank() && firstLine.length() <= MAX_TITLE_LINE) {
            return firstLine;
        }
        return fileName;
    }

    private static ParsedDocument retitled(ParsedDocument doc, String title) {
        return doc.withTitle(DocumentBuilder.normalize(title));
    }
}
