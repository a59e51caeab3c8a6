package dev.verity.parsers;

import dev.verity.parsers.format.ResourceLimitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Refuses images whose header declares more pixels than {@link ParserSettings#maxImagePixels()}, before anything
 * decodes them: a PNG of a few hundred bytes can declare 100,000 by 100,000 pixels, 40 GB once decoded. Only the header
 * is read (ImageIO's readers parse IHDR, SOF or the first IFD without touching the pixel data). An image no reader
 * understands passes: its parser decides.
 */
final class ImageLimits {
    private ImageLimits() {}

    static void check(Path file, String mediaType, long maxPixels) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
        if (!readers.hasNext()) {
            return;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return;
            }
            reader.setInput(in, true, true);
            long width;
            long height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException unreadableHeader) {
                return; // not for us to judge: the format's parser rejects it with its own reason
            }
            if (width * height > maxPixels) {
                throw new ResourceLimitException(
                        String.format(
                                Locale.ROOT,
                                "the image declares %,d x %,d pixels (%,d), more than the limit of %,d pixels"
                                        + " (VERITY_PARSE_MAX_IMAGE_PIXELS)",
                                width,
                                height,
                                width * height,
                                maxPixels),
                        null);
            }
        } finally {
            reader.dispose();
        }
    }
}
