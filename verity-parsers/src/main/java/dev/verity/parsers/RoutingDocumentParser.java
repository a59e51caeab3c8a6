package dev.verity.parsers;

import dev.verity.document.Block;
import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.parsers.format.AttachmentCount;
import dev.verity.parsers.format.Failures;
import dev.verity.parsers.format.Format;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.ResourceLimitException;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextBudget;
import dev.verity.parsers.format.TextFiles;
import dev.verity.parsers.mail.EmailReader;
import dev.verity.parsers.mail.MailLimits;
import dev.verity.parsers.mail.MboxReader;
import dev.verity.parsers.mail.PstReader;
import dev.verity.parsers.media.MediaReader;
import dev.verity.parsers.media.MediaSettings;
import dev.verity.parsers.ocr.ImageFileReader;
import dev.verity.parsers.ocr.Ocr;
import dev.verity.parsers.ocr.OcrSettings;
import dev.verity.parsers.office.PresentationReader;
import dev.verity.parsers.office.PresentationXmlReader;
import dev.verity.parsers.pdf.PdfReader;
import dev.verity.parsers.text.DelimitedTextReader;
import dev.verity.parsers.text.MarkdownReader;
import dev.verity.parsers.text.PlainTextReader;
import dev.verity.parsers.tika.TikaReader;
import dev.verity.parsers.web.HtmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * The {@link DocumentParser} for every format Verity indexes: it routes each file to the {@link FormatReader} of its
 * format, in four steps:
 *
 * <ol>
 *   <li>detect the media type from the bytes and the file name with Tika, once ({@link #detect}; a caller that has
 *       detected it already passes it to {@link #parse(Path, String, String)}, as the isolated parser's processes
 *       are sent it);
 *   <li>accept it as one of the {@link Format}s, or reject the file: password-protected Office containers, images
 *       that declare too many pixels ({@code ImageLimits}), binary files named as text, any other type;
 *   <li>check that the file is not cut short ({@code Integrity}), then let the format's reader write its blocks to a
 *       {@link Sink} that charges every character against the text limit; whatever a reader throws becomes one typed
 *       rejection ({@link Failures});
 *   <li>title the document: its own title, else its first heading, else (PDF) its first line, else the file name.
 * </ol>
 *
 * The readers keep the most structure each format has:
 *
 * <ul>
 *   <li>PDF: PDFBox's lines with their fonts and positions, rebuilt into headings (by font size and weight),
 *       paragraphs and list items per page, running headers, footers and page numbers left out
 *       ({@link PdfReader}); files PDFBox cannot read, scans and forms go to Tika as below;
 *   <li>DOC, DOCX (and DOCM, DOTX, DOTM), ODT, RTF, EPUB, XLS, XLSX (and XLSM, XLTX, XLSB), ODS: Tika's XHTML,
 *       mapped to headings, paragraphs, list items and tables (one table per sheet, headed by the sheet name); PPT
 *       and Outlook MSG: Tika's text of each slide, and of the message's headers and body; Excel 2-4, Visio,
 *       Publisher, WordPerfect, iWork '09, OneNote and CHM: the text Tika's parser for each gives;
 *   <li>PPTX (and PPTM, PPSX, POTX) and ODP: POI's slide model and the ODP content.xml, one page per slide, the slide title as heading;
 *   <li>HTML: jsoup, with navigation, banners, footers, forms and scripts removed;
 *   <li>Markdown: commonmark with GFM tables; CSV and TSV: commons-csv, delimiter sniffed; TXT: paragraphs;
 *   <li>e-mail (RFC 822): headers, the body and the text of the attachments; mailboxes ({@code .mbox}): one section
 *       per message, read the same way ({@link EmailReader}, {@link MboxReader}); Outlook data files
 *       ({@code .pst}): one section per message ({@link PstReader});
 *   <li>audio and video: the subtitle track, or the speech through a {@link Transcriber}, in passages headed by their
 *       start time ({@link MediaReader}, with Debian's ffmpeg);
 *   <li>PNG, JPEG, TIFF, BMP, GIF, WebP: OCR with Tesseract, one page per image or TIFF frame; PDF pages without a usable text layer
 *       are OCR'd too ({@link OcrSettings}: {@code auto}, {@code force} or {@code off}).
 * </ul>
 *
 * Any other type is rejected as {@code UNSUPPORTED_TYPE}; a file that fails is rejected with a typed reason
 * ({@code EMPTY}, {@code ENCRYPTED}, {@code CORRUPT}, {@code TOO_LARGE}, {@code UNPARSEABLE}, {@code UNREADABLE}),
 * never returned half-parsed.
 *
 * <pre>{@code
 * DocumentParser parser = new RoutingDocumentParser(ParserSettings.defaults());
 * ParsedDocument doc = parser.parse(Path.of("handbook.pdf"), "handbook.pdf");
 * }</pre>
 *
 * <p>Language detection is not a reader's business: the pipeline runs {@link OpenNlpLanguageDetector} on the text.
 *
 * <p>Every document carries a {@link dev.verity.document.ParseQuality} report: pages without text, pages OCR'd and
 * their confidence, tables and cells, characters per page, and the warnings of the readers.
 *
 * <p>Safety: OCR runs only through our own {@link OcrSettings} (Tika's own OCR stays off), embedded documents are
 * not parsed (e-mail attachments excepted, within {@link ParserSettings} limits), XML is read with Tika's hardened
 * parsers, and the extracted text is capped at {@link ParserSettings#maxChars()}; zip entries that inflate too far,
 * content nested too deep and images that declare too many pixels are refused ({@code RESOURCE_LIMIT}). These limits
 * run in the parsing JVM: a file that still hangs or exhausts the heap takes that JVM with it, which is why ingestion
 * parses in child processes ({@link dev.verity.parsers.isolation.IsolatedDocumentParser}) and this class runs in
 * process only where speed matters more ({@code verity inspect}, tests). Thread-safe: one instance is meant to be
 * shared by all ingestion workers.
 * Creating one loads Tika's configuration, which takes about a second; do not create one per file.
 */
public final class RoutingDocumentParser implements DocumentParser {
    /** The container Tika reports for password-protected DOCX, XLSX and PPTX files. */
    private static final Set<MediaType> PROTECTED_OFFICE = Set.of(
            MediaType.application("x-tika-ooxml-protected"),
            MediaType.application("x-tika-msoffice-encrypted"),
            MediaType.application("x-tika-iworks-protected"));

    private static final java.util.regex.Pattern WEB_NAME = java.util.regex.Pattern.compile("(?i)https?://");
    /** A first line longer than this is running text, not a title. */
    private static final int MAX_TITLE_LINE = 150;
    /** How much of a file the UTF-16 check reads. */
    private static final int SNIFF_BYTES = 8192;

    private final ParserSettings settings;
    private final Detector detector;
    private final MediaTypeRegistry registry;
    private final Ocr ocr;
    private final FormatReader tika;
    private final FormatReader pdf;
    private final FormatReader presentation = new PresentationReader();
    private final FormatReader odfPresentation = new PresentationXmlReader();
    private final FormatReader delimited;
    private final FormatReader html;
    private final FormatReader markdown;
    private final FormatReader text;
    private final FormatReader email;
    private final FormatReader mbox;
    private final FormatReader pst = new PstReader();
    private final FormatReader media;
    private final FormatReader images;

    public RoutingDocumentParser() {
        this(ParserSettings.defaults());
    }

    public RoutingDocumentParser(ParserSettings settings) {
        this(settings, MediaSettings.defaults(), Optional.empty());
    }

    /**
     * @param settings limits and OCR ({@link ParserSettings#ocr()})
     * @param media how ffmpeg is run for audio and video
     * @param transcriber speech to text for recordings without subtitles; empty rejects them as
     *     {@code TRANSCRIPTION_NOT_CONFIGURED}
     */
    public RoutingDocumentParser(ParserSettings settings, MediaSettings media, Optional<Transcriber> transcriber) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.media = new MediaReader(
                Objects.requireNonNull(media, "media"), Objects.requireNonNull(transcriber, "transcriber"));
        this.ocr = new Ocr(settings.ocr());
        this.images = new ImageFileReader(this.ocr, settings.maxImagePixels());
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.registry = config.getMediaTypeRegistry();
        TextFiles textFiles = new TextFiles(config.getEncodingDetector());
        this.delimited = new DelimitedTextReader(textFiles);
        this.html = new HtmlReader(textFiles);
        this.markdown = new MarkdownReader(textFiles);
        this.text = new PlainTextReader(textFiles);
        this.email = new EmailReader(
                new MailLimits(settings.maxChars(), settings.maxAttachments(), settings.maxAttachmentDepth()),
                this::parseAttachment);
        this.mbox = new MboxReader(this::parseAttachment);
        this.tika = new TikaReader(settings.maxExpansionRatio(), settings.maxNestingDepth());
        this.pdf = new PdfReader(tika, ocr);
        // POI's zip bomb guard is process-wide: the parsers of one JVM share the last ratio set
        ZipSecureFile.setMinInflateRatio(1.0 / settings.maxExpansionRatio());
    }

    public ParserSettings settings() {
        return settings;
    }

    /**
     * The media type of the file, as this parser routes it: detected from its bytes and its name, without parameters,
     * e.g. {@code application/pdf}. Pass it to {@link #parse(Path, String, String)} (or to the isolated parser) so that
     * the file is not detected twice.
     *
     * @param fileName the name to detect the type from; a URL names a web page by the file it was saved to instead
     * @throws DocumentRejectedException {@code EMPTY} for a file of 0 bytes, {@code UNREADABLE} when it cannot be read
     */
    public String detect(Path file, String fileName) throws DocumentRejectedException {
        Objects.requireNonNull(file, "file");
        return detectType(file, nameOf(file, fileName)).getBaseType().toString();
    }

    /** Whether a detected type is audio or video (read with ffmpeg rather than a parser library). */
    public boolean isMedia(String mediaType) {
        return Format.of(mediaType(mediaType), registry)
                .filter(f -> f == Format.MEDIA)
                .isPresent();
    }

    /**
     * What keeps OCR from running although it is on: the {@code tesseract} program or a language pack is missing
     * (the message names the Debian package to install). Empty when OCR is ready or switched off. Runs
     * {@code tesseract --list-langs} the first time.
     */
    public Optional<String> ocrProblem() {
        return ocr.settings().enabled() ? ocr.unavailable() : Optional.empty();
    }

    @Override
    public ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException {
        Objects.requireNonNull(file, "file");
        String name = nameOf(file, fileName);
        return parse(file, name, detectType(file, name), 0, new TextBudget(settings.maxChars()), new AttachmentCount());
    }

    /**
     * Parses a file whose media type the caller detected already with {@link #detect}: the type is not detected again.
     *
     * @param mediaType what {@link #detect} returned for this file
     * @throws IllegalArgumentException when {@code mediaType} is not a media type at all
     */
    public ParsedDocument parse(Path file, String fileName, String mediaType) throws DocumentRejectedException {
        Objects.requireNonNull(file, "file");
        MediaType type = mediaType(mediaType);
        requireContent(file);
        return parse(file, nameOf(file, fileName), type, 0, new TextBudget(settings.maxChars()), new AttachmentCount());
    }

    private ParsedDocument parseAttachment(Path file, String name, int depth, TextBudget outer, AttachmentCount count)
            throws DocumentRejectedException {
        return parse(file, name, detectType(file, name), depth, new TextBudget(outer.remaining()), count);
    }

    private ParsedDocument parse(
            Path file, String fileName, MediaType type, int depth, TextBudget budget, AttachmentCount count)
            throws DocumentRejectedException {
        if (PROTECTED_OFFICE.contains(type.getBaseType())) {
            throw Failures.encrypted(
                    type.getBaseType().getSubtype().contains("iworks") ? "iWork document" : "Office document", null);
        }
        if ("image".equals(type.getType())) {
            checkImage(file, type);
        }
        Format format = Format.of(type, registry)
                .orElseThrow(() -> new DocumentRejectedException(
                        RejectionReason.UNSUPPORTED_TYPE,
                        "files of type " + type.getBaseType() + " are not supported"
                                + Format.unreadableBecause(type)
                                        .map(why -> ": " + why)
                                        .or(() -> Format.nearestRelative(type, registry)
                                                .map(r -> " (" + r + ")"))
                                        .orElse("")));
        if (format.isText() && looksBinary(file)) {
            throw new DocumentRejectedException(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "the file holds binary data, not the text its name (" + fileName + ") suggests");
        }
        String mediaType = type.getBaseType().toString();
        Sink sink = new Sink(mediaType, format.kind(), budget);
        FormatReader.Result read;
        try {
            Integrity.check(format, file);
            read = reader(format.reader())
                    .read(new FormatReader.Source(file, fileName, mediaType, format, depth, count), sink);
        } catch (DocumentRejectedException | Transcriber.TranscriptionException e) {
            throw e; // a failing transcription service is not the file's fault
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
        return retitled(doc, title(doc, format, read.title(), read.firstLine(), fileName));
    }

    private FormatReader reader(Format.Reader reader) {
        return switch (reader) {
            case TIKA -> tika;
            case PDF -> pdf;
            case PRESENTATION -> presentation;
            case ODF_PRESENTATION -> odfPresentation;
            case DELIMITED -> delimited;
            case HTML -> html;
            case MARKDOWN -> markdown;
            case TEXT -> text;
            case EMAIL -> email;
            case MBOX -> mbox;
            case PST -> pst;
            case MEDIA -> media;
            case IMAGE -> images;
        };
    }

    private static String nameOf(Path file, String fileName) {
        return fileName == null || fileName.isBlank() ? String.valueOf(file.getFileName()) : fileName;
    }

    private static MediaType mediaType(String mediaType) {
        MediaType type = mediaType == null ? null : MediaType.parse(mediaType);
        if (type == null) {
            throw new IllegalArgumentException(
                    "mediaType must be a media type such as application/pdf, got \"" + mediaType + "\"");
        }
        return type;
    }

    private static boolean looksBinary(Path file) throws DocumentRejectedException {
        try {
            return TextFiles.looksBinary(file);
        } catch (IOException e) {
            throw new DocumentRejectedException(
                    RejectionReason.UNREADABLE,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        }
    }

    private void checkImage(Path file, MediaType type) throws DocumentRejectedException {
        try {
            ImageLimits.check(file, type.getBaseType().toString(), settings.maxImagePixels());
        } catch (ResourceLimitException e) {
            throw new DocumentRejectedException(RejectionReason.RESOURCE_LIMIT, e.getMessage(), e);
        } catch (IOException e) {
            throw new DocumentRejectedException(
                    RejectionReason.UNREADABLE,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        }
    }

    private MediaType detectType(Path file, String fileName) throws DocumentRejectedException {
        requireContent(file);
        try {
            Metadata metadata = new Metadata();
            // a web page is named by its URL, whose path says little (/guide, /index.php): the file it was saved to
            // carries the extension of the media type the server sent
            String name = WEB_NAME.matcher(fileName).lookingAt() ? String.valueOf(file.getFileName()) : fileName;
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            MediaType detected;
            try (TikaInputStream in = TikaInputStream.get(file)) {
                detected = detector.detect(in, metadata);
            }
            // Tika takes UTF-16 without a byte order mark for binary unless the name says text
            return detected.equals(MediaType.OCTET_STREAM) && isUtf16WithoutByteOrderMark(file)
                    ? MediaType.TEXT_PLAIN
                    : detected;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static boolean isUtf16WithoutByteOrderMark(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return TextFiles.utf16WithoutByteOrderMark(in.readNBytes(SNIFF_BYTES))
                    .isPresent();
        }
    }

    private static void requireContent(Path file) throws DocumentRejectedException {
        try {
            if (Files.size(file) == 0) {
                throw new DocumentRejectedException(RejectionReason.EMPTY, "the file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static DocumentRejectedException unreadable(IOException e) {
        return new DocumentRejectedException(
                RejectionReason.UNREADABLE,
                "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                e);
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
        // the first line of a PDF only, as above: the readers of other formats report one too
        if (format == Format.PDF && !firstLine.isBlank() && firstLine.length() <= MAX_TITLE_LINE) {
            return firstLine;
        }
        return fileName;
    }

    private static ParsedDocument retitled(ParsedDocument doc, String title) {
        return doc.withTitle(DocumentBuilder.normalize(title));
    }
}
