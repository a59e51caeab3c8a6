package dev.verity.testkit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes text PDFs with PDFBox and a standard 14 font, so no font file is needed. Each given text fills one page;
 * blank lines separate paragraphs (drawn with an empty line between them, which text extractors read as a paragraph
 * break) and long lines are wrapped at the margin.
 */
final class PdfWriter {
    private static final float FONT_SIZE = 11;
    private static final float LEADING = 14;
    private static final float MARGIN = 72;
    /** A fixed document id and dates keep the output identical from run to run. */
    private static final long DOCUMENT_ID = 20260115L;

    private PdfWriter() {}

    static void write(Path file, String title, List<String> pageTexts, String userPassword) throws IOException {
        if (pageTexts.isEmpty()) {
            throw new IllegalArgumentException("pageTexts must not be empty");
        }
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 0; i < pageTexts.size(); i++) {
                addPage(doc, font, i + 1, pageTexts.get(i));
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            if (!title.isEmpty()) {
                info.setTitle(title);
            }
            info.setProducer("verity-testkit");
            Calendar fixed = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            fixed.setTimeInMillis(1_768_471_200_000L); // 2026-01-15T10:00:00Z
            info.setCreationDate(fixed);
            info.setModificationDate(fixed);
            doc.setDocumentId(DOCUMENT_ID);
            if (userPassword != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy(userPassword + "-owner", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(256);
                doc.protect(policy);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                doc.save(out);
            }
        }
    }

    private static void addPage(PDDocument doc, PDType1Font font, int number, String text) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        float width = page.getMediaBox().getWidth() - 2 * MARGIN;
        List<String> lines = layout(font, text, width);
        int capacity = (int) ((page.getMediaBox().getHeight() - 2 * MARGIN) / LEADING);
        if (lines.size() > capacity) {
            throw new IllegalArgumentException("the text of page " + number + " needs " + lines.size()
                    + " lines, a page holds " + capacity + "; split it over more pages");
        }
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
            content.beginText();
            content.setFont(font, FONT_SIZE);
            content.setLeading(LEADING);
            content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
            for (String line : lines) {
                if (!line.isEmpty()) {
                    content.showText(line);
                }
                content.newLine();
            }
            content.endText();
        }
    }

    /** Wraps every paragraph at {@code width} and keeps one empty line between paragraphs. */
    private static List<String> layout(PDType1Font font, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        String[] paragraphs = text.strip().split("\\n\\s*\\n");
        for (int p = 0; p < paragraphs.length; p++) {
            if (p > 0) {
                lines.add("");
            }
            for (String hardLine : paragraphs[p].split("\\n")) {
                lines.addAll(PdfText.wrap(font, FONT_SIZE, encodable(font, hardLine.strip()), width));
            }
        }
        return lines;
    }

    /** The standard 14 fonts only cover WinAnsi; anything else becomes '?', as a real printer driver would do. */
    private static String encodable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = Character.toString(cp);
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
