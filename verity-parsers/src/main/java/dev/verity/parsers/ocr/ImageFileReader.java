package dev.verity.parsers.ocr;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.format.Format;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads images (PNG, JPEG, TIFF, BMP, GIF, WebP) by OCR, one page per image or TIFF or GIF frame. A single image is
 * passed to Tesseract by its path, as the {@code tesseract} command would be; the frames of a multi-page TIFF are
 * decoded here and OCR'd in parallel. WebP, which the JDK cannot decode, goes to Tesseract as it is (its leptonica
 * reads it) after its size is read from the RIFF header. A frame larger than {@code ParserSettings.maxImagePixels()} is refused before it is decoded.
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
        if (format == Format.WEBP) {
            return readWebp(file, sink);
        }
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
                        ? Map.of(1, ocr.read(file))
                        : ocr.read(PageOcr.all(frames), page -> reader.read(page - 1));
                emit(format, frames, pages, sink);
            } finally {
                reader.dispose();
            }
        }
        return Result.NONE;
    }

    private Result readWebp(Path file, Sink sink) throws IOException, DocumentRejectedException, InterruptedException {
        long[] size = webpSize(file)
                .orElseThrow(() -> new DocumentRejectedException(
                        RejectionReason.CORRUPT,
                        "the " + Format.WEBP.label() + " is damaged or truncated: its RIFF header is not WebP's"));
        if (size[0] * size[1] > maxPixels) {
            throw new DocumentRejectedException(
                    RejectionReason.RESOURCE_LIMIT,
                    "the " + Format.WEBP.label() + " has " + size[0] + " × " + size[1]
                            + " pixels, more than the limit of " + maxPixels);
        }
        emit(Format.WEBP, 1, Map.of(1, ocr.read(file)), sink);
        return Result.NONE;
    }

    private void emit(Format format, int frames, Map<Integer, PageText> pages, Sink sink)
            throws DocumentRejectedException {
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
    }

    /**
     * Width and height from a WebP file's first chunk (lossy {@code VP8 }, lossless {@code VP8L} or extended
     * {@code VP8X}), read before anything decodes the pixels; empty when the header is not WebP's.
     */
    static Optional<long[]> webpSize(Path file) throws IOException {
        byte[] h;
        try (InputStream in = Files.newInputStream(file)) {
            h = in.readNBytes(30);
        }
        if (h.length < 30
                || !new String(h, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                || !new String(h, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return Optional.empty();
        }
        return switch (new String(h, 12, 4, StandardCharsets.US_ASCII)) {
            case "VP8 " -> Optional.of(new long[] {u16(h, 26) & 0x3fff, u16(h, 28) & 0x3fff});
            case "VP8L" -> {
                long bits = u16(h, 21) | (u16(h, 23) << 16);
                yield Optional.of(new long[] {(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1});
            }
            case "VP8X" -> Optional.of(new long[] {u24(h, 24) + 1, u24(h, 27) + 1});
            default -> Optional.empty();
        };
    }

    private static long u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u24(byte[] b, int at) {
        return u16(b, at) | (long) (b[at + 2] & 0xff) << 16;
    }
}
