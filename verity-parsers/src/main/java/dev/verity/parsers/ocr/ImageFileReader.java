package dev.verity.parsers.ocr;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.Format;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads images (PNG, JPEG, TIFF) by OCR, one page per image or TIFF frame. A single image is passed to Tesseract by
 * its path, as the {@code tesseract} command would be; the frames of a multi-page TIFF are decoded here and OCR'd in
 * parallel. A frame larger than {@code ParserSettings.maxImagePixels()} is refused before it is decoded.
 */
public final class ImageFileReader implements FormatReader {
    private final Ocr ocr;
    private final long maxPixels;

    public ImageFileReader(Ocr ocr, long maxPixels) {
        this.ocr = ocr;
        this.maxPixels = maxPixels;
    }

    @Override
    public Result read(Source source, Sink sink) throws IOException, DocumentRejectedException, InterruptedException {
        Format format = source.format();
        Path file = source.file();
        ocr.requireUsable("the " + format.label() + " has no text layer");
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DocumentRejectedException(
                        RejectionReason.CORRUPT,
                        "the " + format.label() + " is damaged or truncated: no image decoder recognizes it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int frames = reader.getNumImages(true);
                if (frames < 1) {
                    throw new DocumentRejectedException(
                            RejectionReason.CORRUPT, "the " + format.label() + " holds no image");
                }
                for (int i = 0; i < frames; i++) {
                    long pixels = (long) reader.getWidth(i) * reader.getHeight(i);
                    if (pixels > maxPixels) {
                        throw new DocumentRejectedException(
                                RejectionReason.RESOURCE_LIMIT,
                                "image " + (i + 1)
                                        + " of the " + format.label() + " has " + reader.getWidth(i) + " × "
                                        + reader.getHeight(i) + " pixels, more than the limit of " + maxPixels);
                    }
                }
                Map<Integer, PageText> pages = frames == 1
                        ? Map.of(1, ocr.tesseract().read(file))
                        : new PageOcr(ocr.tesseract()).read(PageOcr.all(frames), page -> reader.read(page - 1));
                sink.pageCount(frames);
                boolean anyText = false;
                for (int page = 1; page <= frames; page++) {
                    sink.page(page);
                    ocr.emit(page, pages.get(page), sink);
                    anyText |= !pages.get(page).paragraphs().isEmpty();
                }
                if (!anyText) {
                    String why = pages.values().stream()
                            .flatMap(p -> p.failure().stream())
                            .findFirst()
                            .map(f -> " (" + f + ")")
                            .orElse("");
                    throw new DocumentRejectedException(
                            RejectionReason.NO_TEXT, "OCR found no text in the " + format.label() + why);
                }
            } finally {
                reader.dispose();
            }
        }
        return Result.NONE;
    }
}
