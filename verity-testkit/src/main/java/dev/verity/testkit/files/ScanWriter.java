package dev.verity.testkit.files;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * "Scans": pages of text rendered to greyscale images with Java2D (a 12 pt serif at the given resolution on an A4
 * sheet), saved as images or embedded in PDFs as page images with no text layer, as a scanner would produce them.
 */
final class ScanWriter {
    static final int DPI = 300;
    private static final float A4_WIDTH_INCHES = 8.27f;
    private static final float A4_HEIGHT_INCHES = 11.69f;
    private static final float MARGIN_INCHES = 1f;
    private static final float FONT_POINTS = 12;

    private ScanWriter() {}

    /** One A4 page of text at {@code dpi}: paragraphs split at blank lines, wrapped at the margins. */
    static BufferedImage page(String text, int dpi) {
        int width = Math.round(A4_WIDTH_INCHES * dpi);
        int height = Math.round(A4_HEIGHT_INCHES * dpi);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.round(FONT_POINTS * dpi / 72f)));
            FontMetrics metrics = g.getFontMetrics();
            int margin = Math.round(MARGIN_INCHES * dpi);
            int y = margin + metrics.getAscent();
            int leading = Math.round(metrics.getHeight() * 1.15f);
            for (String paragraph : text.strip().split("\\n\\s*\\n")) {
                for (String line : wrap(paragraph.replace('\n', ' ').strip(), metrics, width - 2 * margin)) {
                    g.drawString(line, margin, y);
                    y += leading;
                }
                y += leading;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<String> wrap(String paragraph, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && metrics.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A PDF with one page per text; the pages in {@code scanned} (1-based) are images, the others text. */
    static void pdf(Path file, List<String> pageTexts, Set<Integer> scanned) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 0; i < pageTexts.size(); i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    if (scanned.contains(i + 1)) {
                        PDImageXObject image = LosslessFactory.createFromImage(doc, page(pageTexts.get(i), DPI));
                        content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                    } else {
                        content.beginText();
                        content.setFont(font, 11);
                        content.setLeading(14);
                        content.newLineAtOffset(72, PDRectangle.A4.getHeight() - 72);
                        for (String line : pageTexts.get(i).split("\\n")) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.endText();
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                doc.save(out);
            }
        }
    }

    /** One image file ({@code png}, {@code jpeg}, {@code tiff}) per text, or a multi-page TIFF of all of them. */
    static void image(Path file, String format, List<String> pageTexts, int dpi) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("no " + format + " writer available");
        }
        ImageWriter writer = writers.next();
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            if (pageTexts.size() == 1) {
                writer.write(page(pageTexts.getFirst(), dpi));
            } else {
                writer.prepareWriteSequence(null);
                for (String text : pageTexts) {
                    writer.writeToSequence(new IIOImage(page(text, dpi), null, null), null);
                }
                writer.endWriteSequence();
            }
        } finally {
            writer.dispose();
        }
    }
}
