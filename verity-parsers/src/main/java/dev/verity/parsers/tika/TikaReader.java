package dev.verity.parsers.tika;

import dev.verity.document.DocumentKind;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.Format;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.ResourceLimitException;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.StructureHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.epub.EpubParser;
import org.apache.tika.parser.iwork.IWorkPackageParser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.OldExcelParser;
import org.apache.tika.parser.microsoft.chm.ChmParser;
import org.apache.tika.parser.microsoft.onenote.OneNoteParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.wordperfect.WordPerfectParser;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.apache.tika.sax.SecureContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Runs the Tika parser for one format and maps its XHTML to blocks with a {@link StructureHandler}. The parser is
 * chosen by our own detection rather than Tika's {@code AutoDetectParser}, so that a file is never handed to a parser
 * for a format we did not accept.
 *
 * <p>Every parse gets a fresh {@link ParseContext} that turns OCR off (Tika would otherwise run {@code tesseract}
 * whenever it is on the PATH), declines embedded documents and leaves out slide masters, page headers and footers;
 * a DOCX file's headers and footers are read apart as notes ({@link WordHeadersFooters}), Tika writing them as plain
 * paragraphs, and an XLSX file's cell comments are read first ({@link SpreadsheetComments}) so that the handler can cut
 * them off the cells Tika appends them to.
 * The handler is wrapped in Tika's {@link SecureContentHandler}, which stops zip bombs (output far larger than the
 * input) and absurd element nesting. Tika parsers are stateless, so one instance serves all threads.
 */
public final class TikaReader implements FormatReader {
    private final Parser pdf = new PDFParser();
    private final Parser ooxml = new OOXMLParser();
    private final Parser odf = new OpenDocumentParser();
    private final Parser rtf = new RTFParser();
    private final Parser epub = new EpubParser();
    private final Parser ole = new OfficeParser();
    private final Parser oldExcel = new OldExcelParser();
    private final Parser wordPerfect = new WordPerfectParser();
    private final Parser iWork = new IWorkPackageParser();
    private final Parser oneNote = new OneNoteParser();
    private final Parser chm = new ChmParser();
    /** Where iWork '09 keeps its document, by application: Pages and Numbers, Keynote, Keynote 2. */
    private static final List<String> IWORK_09_INDEXES = List.of("index.xml", "index.apxl", "presentation.apxl");

    private final int maxExpansionRatio;
    private final int maxNestingDepth;

    /**
     * @param maxExpansionRatio characters of text per byte of input a container may yield once past the first million
     *     ({@code ParserSettings.maxExpansionRatio()})
     * @param maxNestingDepth how deep elements may nest ({@code ParserSettings.maxNestingDepth()})
     */
    public TikaReader(int maxExpansionRatio, int maxNestingDepth) {
        this.maxExpansionRatio = maxExpansionRatio;
        this.maxNestingDepth = maxNestingDepth;
    }

    /** @return the title from the metadata and the first line of text */
    @Override
    public Result read(Source source, Sink sink) throws Exception {
        Format format = source.format();
        Path file = source.file();
        if (format == Format.PAGES || format == Format.KEYNOTE || format == Format.NUMBERS) {
            requireIWork09(file);
        }
        List<String> sheetNames = format == Format.ODS ? OdsSheetNames.read(file) : List.of();
        StructureHandler handler = new StructureHandler(
                sink,
                new StructureHandler.Options(
                        format == Format.PDF,
                        format == Format.RTF,
                        format.kind() == DocumentKind.TABLES,
                        sheetNames,
                        format == Format.PDF,
                        true));
        if (format == Format.XLSX) {
            handler.cellComments(SpreadsheetComments.read(file));
        }
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, format.mediaType());
        try (TikaInputStream in = TikaInputStream.get(file)) {
            // what AutoDetectParser adds and calling a parser directly would lose: zip bomb and nesting limits
            DepthTracker depth = new DepthTracker(handler);
            SecureContentHandler secure = new SecureContentHandler(depth, in);
            secure.setMaximumCompressionRatio(maxExpansionRatio);
            secure.setMaximumDepth(maxNestingDepth);
            try {
                parser(format).parse(in, secure, metadata, context());
            } catch (SAXException e) {
                try {
                    secure.throwIfCauseOf(e);
                } catch (TikaException bomb) { // Tika says "Zip bomb detected!" for either limit
                    throw new ResourceLimitException(
                            depth.deepest() >= maxNestingDepth - 1
                                    ? "the " + format.label() + " is a nesting bomb: its content nests more than "
                                            + maxNestingDepth + " levels deep, the limit"
                                            + " (VERITY_PARSE_MAX_NESTING_DEPTH)"
                                    : "the " + format.label() + " is a zip bomb: it yields more than "
                                            + maxExpansionRatio + " characters of text per byte, the limit"
                                            + " (VERITY_PARSE_MAX_EXPANSION_RATIO)",
                            bomb);
                }
                throw e;
            }
        }
        handler.finish();
        if (format == Format.DOCX) {
            WordHeadersFooters.read(file, sink);
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        return new Result(title == null ? "" : title.strip(), handler.firstLine());
    }

    /**
     * Tika names an iWork 2013+ file by its extension when it lacks the build history that marks the format; without
     * the XML index of iWork '09 its parser would read nothing, and the file would be mistaken for one without text.
     */
    private static void requireIWork09(Path file) throws IOException, DocumentRejectedException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String index : IWORK_09_INDEXES) {
                if (zip.getEntry(index) != null) {
                    return;
                }
            }
        }
        MediaType iWork13 = MediaType.application("vnd.apple.unknown.13");
        throw new DocumentRejectedException(
                RejectionReason.UNSUPPORTED_TYPE,
                "the file has no iWork '09 index (" + String.join(", ", IWORK_09_INDEXES) + "): "
                        + Format.unreadableBecause(iWork13).orElseThrow());
    }

    /** Counts how deep the elements that passed {@link SecureContentHandler} went, to tell its two limits apart. */
    private static final class DepthTracker extends ContentHandlerDecorator {
        private int depth;
        private int deepest;

        DepthTracker(ContentHandler handler) {
            super(handler);
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes atts) throws SAXException {
            deepest = Math.max(deepest, ++depth);
            super.startElement(uri, localName, name, atts);
        }

        @Override
        public void endElement(String uri, String localName, String name) throws SAXException {
            depth--;
            super.endElement(uri, localName, name);
        }

        int deepest() {
            return deepest;
        }
    }

    private Parser parser(Format format) {
        return switch (format) {
            case PDF -> pdf;
            case DOCX, XLSX, PPTX, VSDX -> ooxml;
            case ODT, ODS -> odf;
            case RTF -> rtf;
            case EPUB -> epub;
            case XLS, DOC, PPT, MSG, VSD, PUBLISHER -> ole;
            case OLD_XLS -> oldExcel;
            case WORDPERFECT -> wordPerfect;
            case PAGES, KEYNOTE, NUMBERS -> iWork;
            case ONENOTE -> oneNote;
            case CHM -> chm;
            default -> throw new IllegalArgumentException("format " + format + " is not read with Tika");
        };
    }

    /** A fresh context per parse: Tika parsers keep per-parse state in it. */
    public static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdfConfig = new PDFParserConfig();
        pdfConfig.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdfConfig.setExtractInlineImages(false);
        pdfConfig.setExtractBookmarksText(false); // the outline repeats the headings at the end of the text
        pdfConfig.setExtractAnnotationText(true); // sticky notes and pop-ups, read as notes by the handler
        pdfConfig.setExtractActions(false);
        context.set(PDFParserConfig.class, pdfConfig);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, ocr);
        OfficeParserConfig office = new OfficeParserConfig();
        office.setIncludeHeadersAndFooters(false);
        office.setIncludeSlideMasterContent(false);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        office.setExtractMacros(false);
        context.set(OfficeParserConfig.class, office);
        context.set(EmbeddedDocumentExtractor.class, NoEmbeddedDocuments.INSTANCE);
        return context;
    }
}
