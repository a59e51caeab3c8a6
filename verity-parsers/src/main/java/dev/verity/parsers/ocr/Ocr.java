package dev.verity.parsers.ocr;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OCR settings of a parser and the {@link Tesseract} runner they configure, with what readers share: images are
 * read by OCR ({@link ImageFileReader}), and so are the PDF pages without a usable text layer ({@code PdfReader}).
 * One instance per parser, shared by its readers, so that {@link OcrSettings#parallelism()} holds across them.
 */
public final class Ocr {
    private final OcrSettings settings;
    private final Tesseract tesseract;
    private final Optional<OcrCache> cache;

    public Ocr(OcrSettings settings) {
        this.settings = settings;
        this.tesseract = new Tesseract(settings);
        this.cache = OcrCache.of(settings);
    }

    public OcrSettings settings() {
        return settings;
    }

    Tesseract tesseract() {
        return tesseract;
    }

    /** Why OCR cannot run: it is off, or Tesseract or a language pack is missing; empty when it can. */
    public Optional<String> unavailable() {
        if (!settings.enabled()) {
            return Optional.of("OCR is off");
        }
        return tesseract.problem();
    }

    /** Throws {@code NO_TEXT} naming {@code what} and why OCR cannot run, unless it can. */
    public void requireUsable(String what) throws DocumentRejectedException {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new DocumentRejectedException(RejectionReason.NO_TEXT, what + " and " + lowerFirst(why.get()));
        }
    }

    /** Writes one OCR'd page to the sink: its paragraphs, its confidence, or a warning when it could not be read. */
    public void emit(int page, PageText text, Sink sink) {
        if (text.failure().isPresent()) {
            sink.warning("page " + page + ": " + text.failure().get());
            return;
        }
        for (String paragraph : text.paragraphs()) {
            sink.paragraph(paragraph);
        }
        sink.ocrPage(page, text.confidence(), text.words());
    }

    /**
     * The text of each page, in the order given, recognized in parallel ({@link PageOcr}), or taken from the cache
     * when the same page image was recognized before.
     */
    public Map<Integer, PageText> read(List<Integer> pages, PageOcr.PageImages images) throws InterruptedException {
        return new PageOcr(tesseract, cache).read(pages, images);
    }

    /** The text of an image file given to Tesseract whole, or from the cache when the same file was read before. */
    PageText read(Path image) throws IOException, InterruptedException {
        if (cache.isEmpty()) {
            return tesseract.read(image);
        }
        String key = cache.get().key(image);
        Optional<PageText> known = cache.get().get(key);
        if (known.isPresent()) {
            return known.get();
        }
        PageText text = tesseract.read(image);
        cache.get().put(key, text);
        return text;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || s.startsWith("OCR") ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
