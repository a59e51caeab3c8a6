package dev.verity.parsers.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * OCRs several pages of one document: the pages are produced one after another in the caller's thread (a PDF
 * document cannot be rendered from two threads), each only once a {@link Tesseract} slot is free, and recognized in
 * parallel by separate processes. So at most {@link OcrSettings#parallelism()} pages are rendered or recognized at
 * any moment across all files, and a page image lives only until its process has read it. With a {@link OcrCache},
 * a page whose image was recognized before is taken from it and its slot freed at once; a page read without failure
 * is added to it.
 */
public final class PageOcr {
    private final Tesseract tesseract;
    private final Optional<OcrCache> cache;

    PageOcr(Tesseract tesseract, Optional<OcrCache> cache) {
        this.tesseract = tesseract;
        this.cache = cache;
    }

    /** Produces the image of a 1-based page. */
    @FunctionalInterface
    public interface PageImages {
        BufferedImage image(int page) throws IOException;
    }

    /** The text of each page, in the order given; a page that could not be rendered or read says why. */
    Map<Integer, PageText> read(List<Integer> pages, PageImages images) throws InterruptedException {
        Map<Integer, Future<PageText>> futures = new LinkedHashMap<>();
        Map<Integer, PageText> done = new LinkedHashMap<>();
        try (ExecutorService processes = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int page : pages) {
                Tesseract.Slot slot = tesseract.slot();
                BufferedImage image;
                try {
                    image = Tesseract.grey(images.image(page));
                } catch (IOException | RuntimeException e) {
                    slot.close();
                    done.put(page, PageText.failed("the page could not be rendered for OCR: " + e));
                    continue;
                }
                if (Tesseract.isBlank(image)) {
                    slot.close();
                    done.put(page, PageText.blank());
                    continue;
                }
                String key = cache.map(c -> c.key(image)).orElse("");
                Optional<PageText> known = cache.flatMap(c -> c.get(key));
                if (known.isPresent()) {
                    slot.close();
                    done.put(page, known.get());
                    continue;
                }
                futures.put(page, processes.submit(() -> {
                    try (slot) {
                        PageText text = tesseract.readHeld(image);
                        cache.ifPresent(c -> c.put(key, text));
                        return text;
                    }
                }));
            }
        }
        Map<Integer, PageText> results = new LinkedHashMap<>();
        for (int page : pages) {
            Future<PageText> future = futures.get(page);
            results.put(page, future == null ? done.get(page) : result(future));
        }
        return results;
    }

    private static PageText result(Future<PageText> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return PageText.failed("OCR failed: " + e.getCause());
        }
    }

    /** The pages {@code 1..count}. */
    public static List<Integer> all(int count) {
        List<Integer> pages = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            pages.add(i);
        }
        return pages;
    }
}
