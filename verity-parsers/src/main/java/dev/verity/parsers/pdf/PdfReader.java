package dev.verity.parsers.pdf;

import dev.verity.document.NoteKind;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextBudget;
import dev.verity.parsers.format.TextLimitExceededException;
import dev.verity.parsers.ocr.Ocr;
import dev.verity.parsers.ocr.PageOcr;
import dev.verity.parsers.ocr.PageText;
import dev.verity.parsers.tika.TikaReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationMarkup;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.pdf.PDMetadataExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PDFs with PDFBox directly, because Tika's XHTML for a PDF keeps neither font sizes nor positions: headings
 * come out glued to the next paragraph and running headers and footers come out as text. The lines PDFBox lays out
 * ({@link PdfLineCollector}) are rebuilt into headings, paragraphs and list items by {@link PdfLayout}, one page at a
 * time ({@code sink.page(n)} for every page).
 *
 * <p>OCR, page by page ({@link dev.verity.parsers.ocr.OcrSettings}): in {@code auto} mode a page whose text layer is
 * not usable is rendered in grey at the configured dpi and read by Tesseract instead; in {@code force} mode every page
 * is. A text layer is not usable when it has no letter at all, when more than a quarter of its characters are unmapped
 * glyphs (U+FFFD, private use, control characters), or when it has fewer than {@value #MIN_LETTERS} letters on a page
 * that draws a large image (a scan with a stamped page number). Pages that render blank are not sent to Tesseract. A
 * page that OCR finds empty or cannot read keeps whatever text layer it had, and a failure is recorded as a warning of
 * the quality report. A page too large to render at the configured dpi within {@link #MAX_RENDER_PIXELS} is rendered at
 * a lower one, with a warning.
 *
 * <p>Whatever this path cannot handle goes to the fallback reader, Tika's PDF parser ({@link TikaReader}), exactly as
 * before, so that rejections and odd files behave as they always did: a file PDFBox cannot open or read (damaged,
 * encrypted with a user password, …), a PDF without a text layer when OCR is off (Tika's answer is what it was), and a
 * PDF with form fields (AcroForm or XFA, whose values Tika appends, each a form-field note). Annotations with text
 * (sticky notes, free text, a highlight's comment) become notes on their page, with their author. Only the text limit
 * is final: exceeding it is
 * never retried. Tika's own OCR stays off.
 *
 * <p>Stateless and thread-safe; every read uses its own PDFBox objects.
 */
public final class PdfReader implements FormatReader {
    private static final Logger LOG = LoggerFactory.getLogger(PdfReader.class);
    /** Fewer letters than this on a page with a large image: a scan with a page number or a stamp on it. */
    static final int MIN_LETTERS = 16;
    /**
     * 100 megapixels (a 300 dpi scan of an A0 poster): the largest image a page is rendered to for OCR. The same as
     * {@code ParserSettings.DEFAULT_MAX_IMAGE_PIXELS}, which lives above the readers (a test keeps them equal).
     */
    static final long MAX_RENDER_PIXELS = 100_000_000L;
    /** An image of this many pixels or more is a scanned page (or a large part of one), not an icon or a logo. */
    private static final long LARGE_IMAGE_PIXELS = 250_000;
    /** Form XObjects nested deeper than this are not searched for images. */
    private static final int MAX_FORM_DEPTH = 3;
    /** More than this share of unmapped glyphs (U+FFFD, private use, controls) makes a text layer garbage. */
    private static final double MAX_GARBAGE = 0.25;

    private final FormatReader fallback;
    private final Ocr ocr;

    /**
     * @param fallback reads the PDFs this reader leaves to Tika (a {@link TikaReader})
     * @param ocr reads the pages without a usable text layer
     */
    public PdfReader(FormatReader fallback, Ocr ocr) {
        this.fallback = fallback;
        this.ocr = ocr;
    }

    /** @return the title from the metadata and the first line of text */
    @Override
    public Result read(Source source, Sink sink) throws Exception {
        Optional<Structured> structured = structured(source.file(), sink.budget());
        if (structured.isEmpty()) {
            return fallback.read(source, sink);
        }
        Structured doc = structured.get();
        List<PdfLayout.Block> blocks = doc.layout().blocks();
        int next = 0;
        sink.pageCount(doc.pages());
        for (String warning : doc.warnings()) {
            sink.warning(warning);
        }
        String firstLine = doc.layout().firstLine();
        for (int page = 1; page <= doc.pages(); page++) {
            sink.page(page);
            while (next < blocks.size() && blocks.get(next).page() <= page) {
                PdfLayout.Block block = blocks.get(next++);
                switch (block.kind()) {
                    case HEADING -> sink.heading(block.level(), block.text());
                    case LIST_ITEM -> sink.listItem(block.text());
                    case PARAGRAPH -> sink.paragraph(block.text());
                    case TABLE ->
                        sink.table(
                                "",
                                block.table().getFirst(),
                                block.table().subList(1, block.table().size()));
                }
            }
            PageText text = doc.ocr().get(page);
            if (text != null) {
                ocr.emit(page, text, sink);
                if (firstLine.isEmpty() && !text.paragraphs().isEmpty()) {
                    firstLine = text.paragraphs().getFirst();
                }
            }
            for (Annotation annotation : doc.annotations().getOrDefault(page, List.of())) {
                sink.note(NoteKind.ANNOTATION, annotation.author(), annotation.text());
            }
        }
        return new Result(doc.title(), firstLine);
    }

    private record Structured(
            int pages,
            String title,
            PdfLayout.Result layout,
            Map<Integer, PageText> ocr,
            List<String> warnings,
            Map<Integer, List<Annotation>> annotations) {}

    /** A comment someone attached to a page: a sticky note, a pop-up, a free-text box, a highlight's note. */
    private record Annotation(String author, String text) {}

    /** The rebuilt document, or empty when Tika should read the file instead. */
    private Optional<Structured> structured(Path file, TextBudget budget)
            throws DocumentRejectedException, InterruptedException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            if (hasForm(doc)) {
                return Optional.empty();
            }
            PdfLineCollector collector = new PdfLineCollector(budget);
            collector.collect(doc);
            int pages = doc.getNumberOfPages();
            List<Integer> wanted = pagesToOcr(doc, collector.lines(), pages);
            List<String> warnings = new ArrayList<>();
            Map<Integer, PageText> read = Map.of();
            if (!wanted.isEmpty()) {
                Optional<String> unavailable = ocr.unavailable();
                if (unavailable.isEmpty()) {
                    PDFRenderer renderer = new PDFRenderer(doc);
                    List<String> scaled = java.util.Collections.synchronizedList(new ArrayList<>());
                    read = ocr.read(wanted, page -> {
                        float dpi =
                                renderDpi(doc.getPage(page - 1), ocr.settings().dpi());
                        if (dpi < ocr.settings().dpi()) {
                            scaled.add("page " + page + ": rendered for OCR at " + Math.round(dpi) + " dpi instead of "
                                    + ocr.settings().dpi() + ", the page being too large");
                        }
                        return renderer.renderImageWithDPI(page - 1, dpi, ImageType.GRAY);
                    });
                    warnings.addAll(scaled);
                } else if (ocr.settings().enabled()) {
                    if (collector.lines().isEmpty()) {
                        ocr.requireUsable("the PDF has no text layer");
                    }
                    warnings.add(pageList(wanted) + ": no usable text layer, and " + unavailable.get());
                }
            }
            if (read.isEmpty() && collector.lines().isEmpty()) {
                return Optional.empty(); // no text layer, OCR off: Tika, as before
            }
            Set<Integer> replaced = new HashSet<>();
            read.forEach((page, text) -> {
                if (!text.paragraphs().isEmpty()) {
                    replaced.add(page);
                }
            });
            List<PdfLine> lines = replaced.isEmpty()
                    ? collector.lines()
                    : collector.lines().stream()
                            .filter(l -> !replaced.contains(l.page()))
                            .toList();
            PdfLayout.Result layout = lines.isEmpty()
                    ? new PdfLayout.Result(List.of(), "", List.of())
                    : PdfLayout.of(lines, collector.pageSizes());
            warnings.addAll(layout.warnings());
            return Optional.of(new Structured(pages, title(doc), layout, read, warnings, annotations(doc, budget)));
        } catch (TextLimitExceededException | DocumentRejectedException | InterruptedException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            if (budget.exceeded()) {
                throw new TextLimitExceededException(budget.max());
            }
            LOG.debug("PDFBox could not read {} ({}); reading it with Tika", file.getFileName(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * The markup annotations with text (sticky notes, free text, a highlight's comment) by page, with their author
     * (the pop-up title). Pop-ups repeat their parent's text and widgets, links and the like hold none of a reader's.
     */
    private static Map<Integer, List<Annotation>> annotations(PDDocument doc, TextBudget budget) throws IOException {
        Map<Integer, List<Annotation>> byPage = new HashMap<>();
        int number = 0;
        for (PDPage page : doc.getPages()) {
            number++;
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationMarkup markup
                        && markup.getContents() != null
                        && !markup.getContents().isBlank()) {
                    budget.check(markup.getContents().length());
                    byPage.computeIfAbsent(number, n -> new ArrayList<>())
                            .add(new Annotation(
                                    markup.getTitlePopup() == null ? "" : markup.getTitlePopup(),
                                    markup.getContents()));
                }
            }
        }
        return byPage;
    }

    /** The pages to OCR: every page in force mode, those without a usable text layer otherwise (none when off). */
    private List<Integer> pagesToOcr(PDDocument doc, List<PdfLine> lines, int pages) {
        return switch (ocr.settings().mode()) {
            case OFF -> List.of();
            case FORCE -> PageOcr.all(pages);
            case AUTO -> {
                int[] letters = new int[pages + 1];
                int[] garbage = new int[pages + 1];
                int[] chars = new int[pages + 1];
                for (PdfLine line : lines) {
                    if (line.page() < 1 || line.page() > pages) {
                        continue;
                    }
                    String text = line.text();
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (Character.isWhitespace(c)) {
                            continue;
                        }
                        chars[line.page()]++;
                        if (Character.isLetter(c)) {
                            letters[line.page()]++;
                        } else if (c == '\uFFFD'
                                || Character.getType(c) == Character.PRIVATE_USE
                                || Character.isISOControl(c)) {
                            garbage[line.page()]++;
                        }
                    }
                }
                List<Integer> wanted = new ArrayList<>();
                for (int page = 1; page <= pages; page++) {
                    if (letters[page] == 0
                            || garbage[page] > MAX_GARBAGE * chars[page]
                            || (letters[page] < MIN_LETTERS
                                    && hasLargeImage(doc.getPage(page - 1).getResources(), 0))) {
                        wanted.add(page);
                    }
                }
                yield wanted;
            }
        };
    }

    /**
     * The resolution to render a page at: the configured one, lowered so that the image stays within
     * {@link #MAX_RENDER_PIXELS} (a poster-sized or hostile page would otherwise need gigabytes).
     */
    static float renderDpi(PDPage page, int dpi) {
        PDRectangle box = page.getCropBox();
        double pixels = (box.getWidth() / 72.0 * dpi) * (box.getHeight() / 72.0 * dpi);
        if (!(pixels > MAX_RENDER_PIXELS)) {
            return dpi;
        }
        return (float) Math.max(1, dpi * Math.sqrt(MAX_RENDER_PIXELS / pixels));
    }

    /** Whether the resources draw an image of {@value #LARGE_IMAGE_PIXELS} pixels or more, forms searched too. */
    private static boolean hasLargeImage(PDResources resources, int depth) {
        if (resources == null || depth > MAX_FORM_DEPTH) {
            return false;
        }
        for (COSName name : resources.getXObjectNames()) {
            try {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image
                        && (long) image.getWidth() * image.getHeight() >= LARGE_IMAGE_PIXELS) {
                    return true;
                }
                if (object instanceof PDFormXObject form && hasLargeImage(form.getResources(), depth + 1)) {
                    return true;
                }
            } catch (IOException e) {
                LOG.debug("unreadable XObject {}: {}", name.getName(), e.toString());
            }
        }
        return false;
    }

    /** "page 3" or "pages 3, 5, 9". */
    static String pageList(List<Integer> pages) {
        return (pages.size() == 1 ? "page " : "pages ")
                + String.join(", ", pages.stream().map(String::valueOf).toList());
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
