package dev.verity.parsers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.pdf.PDMetadataExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Reads PDFs with PDFBox directly, because Tika's XHTML for a PDF keeps neither font sizes nor positions: headings
 * come out glued to the next paragraph and running headers and footers come out as text. The lines PDFBox lays out
 * ({@link PdfLineCollector}) are rebuilt into headings, paragraphs and list items by {@link PdfLayout}, one page at a
 * time ({@code sink.page(n)} for every page).
 *
 * <p>Whatever this path cannot handle goes to Tika's PDF parser exactly as before, so that rejections and odd files
 * behave as they always did: a file PDFBox cannot open or read (damaged, encrypted with a user password, …), a PDF
 * without a text layer (scans; Tika's answer is what it was), and a PDF with form fields (AcroForm or XFA, whose
 * values Tika appends). Only the text limit is final: exceeding it is never retried. OCR stays off on both paths.
 *
 * <p>Stateless and thread-safe; every read uses its own PDFBox objects.
 */
final class PdfReader {
    private static final Logger LOG = LoggerFactory.getLogger(PdfReader.class);

    private final TikaReader tika;

    PdfReader(TikaReader tika) {
        this.tika = tika;
    }

    /** What the read yields besides the blocks: the title from the metadata and the first line of text. */
    record Result(String metadataTitle, String firstLine) {}

    Result read(Path file, Sink sink) throws IOException, TikaException, SAXException {
        Optional<Structured> structured = structured(file, sink.budget());
        if (structured.isEmpty()) {
            TikaReader.Result result = tika.read(Format.PDF, file, sink);
            return new Result(result.metadataTitle(), result.firstLine());
        }
        Structured doc = structured.get();
        List<PdfLayout.Block> blocks = doc.layout().blocks();
        int next = 0;
        for (int page = 1; page <= doc.pages(); page++) {
            sink.page(page);
            while (next < blocks.size() && blocks.get(next).page() <= page) {
                PdfLayout.Block block = blocks.get(next++);
                switch (block.kind()) {
                    case HEADING -> sink.heading(block.level(), block.text());
                    case LIST_ITEM -> sink.listItem(block.text());
                    case PARAGRAPH -> sink.paragraph(block.text());
                }
            }
        }
        return new Result(doc.title(), doc.layout().firstLine());
    }

    private record Structured(int pages, String title, PdfLayout.Result layout) {}

    /** The rebuilt document, or empty when Tika should read the file instead. */
    private static Optional<Structured> structured(Path file, TextBudget budget) {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            if (hasForm(doc)) {
                return Optional.empty();
            }
            PdfLineCollector collector = new PdfLineCollector(budget);
            collector.collect(doc);
            if (collector.lines().isEmpty()) {
                return Optional.empty(); // no text layer
            }
            PdfLayout.Result layout = PdfLayout.of(collector.lines(), collector.pageSizes());
            return Optional.of(new Structured(doc.getNumberOfPages(), title(doc), layout));
        } catch (TextLimitExceededException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            if (budget.exceeded()) {
                throw new TextLimitExceededException(budget.max());
            }
            LOG.debug("PDFBox could not read {} ({}); reading it with Tika", file.getFileName(), e.toString());
            return Optional.empty();
        }
    }

    private static boolean hasForm(PDDocument doc) {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        return form != null && (!form.getFields().isEmpty() || form.hasXFA());
    }

    /** As Tika has it: the XMP {@code dc:title}, else the document information title. */
    private static String title(PDDocument doc) {
        Metadata metadata = new Metadata();
        try {
            PDMetadata xmp = doc.getDocumentCatalog().getMetadata();
            if (xmp != null) {
                PDMetadataExtractor.extract(xmp, metadata, TikaReader.context());
            }
        } catch (RuntimeException e) {
            LOG.debug("unreadable XMP metadata: {}", e.toString());
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            title = info == null ? null : info.getTitle();
        }
        return title == null ? "" : title.strip();
    }
}
