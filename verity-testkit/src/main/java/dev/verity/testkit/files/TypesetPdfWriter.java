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
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes PDFs laid out like a word processor's: headings in Helvetica Bold (level 1 at 18 pt, level 2 at 14 pt,
 * level 3 and below at the 11 pt body size), body paragraphs in 11 pt Helvetica on a 14 pt line pitch with 7 pt
 * between paragraphs, bullets with a hanging indent, tables as rows of cells at column stops, and an optional running
 * header and footer in 9 pt. A paragraph written as {@code **text**} is set in bold.
 */
final class TypesetPdfWriter {
    static final float BODY_SIZE = 11;
    private static final float LEADING = 14;
    private static final float PARAGRAPH_SPACE = 7;
    private static final float FURNITURE_SIZE = 9;
    private static final float MARGIN = 72;
    private static final float BULLET_INDENT = 14;
    private static final long DOCUMENT_ID = 20260116L;

    private TypesetPdfWriter() {}

    static void write(Path file, String header, String footer, List<List<Element>> pages) throws IOException {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("pages must not be empty");
        }
        try (PDDocument doc = new PDDocument()) {
            Fonts fonts = new Fonts(
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
            for (int i = 0; i < pages.size(); i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    new PageWriter(content, fonts, page.getMediaBox()).write(pages.get(i), i + 1);
                    float height = page.getMediaBox().getHeight();
                    if (!header.isEmpty()) {
                        show(
                                content,
                                fonts.regular(),
                                FURNITURE_SIZE,
                                MARGIN,
                                height - 40,
                                furniture(header, i + 1, pages.size()));
                    }
                    if (!footer.isEmpty()) {
                        String text = furniture(footer, i + 1, pages.size());
                        float width = fonts.regular().getStringWidth(text) / 1000 * FURNITURE_SIZE;
                        show(
                                content,
                                fonts.regular(),
                                FURNITURE_SIZE,
                                (page.getMediaBox().getWidth() - width) / 2,
                                40,
                                text);
                    }
                }
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setProducer("verity-testkit");
            Calendar fixed = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            fixed.setTimeInMillis(1_768_471_200_000L); // 2026-01-15T10:00:00Z
            info.setCreationDate(fixed);
            info.setModificationDate(fixed);
            doc.setDocumentId(DOCUMENT_ID);
            try (OutputStream out = Files.newOutputStream(file)) {
                doc.save(out);
            }
        }
    }

    private static String furniture(String template, int page, int pages) {
        return template.replace("{page}", Integer.toString(page)).replace("{pages}", Integer.toString(pages));
    }

    private static void show(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    private record Fonts(PDType1Font regular, PDType1Font bold) {}

    /** Lays out the elements of one page from the top margin down. */
    private static final class PageWriter {
        private final PDPageContentStream content;
        private final Fonts fonts;
        private final float width;
        private final float top;
        /** The top of the free space, from the bottom of the page. */
        private float cursor;

        PageWriter(PDPageContentStream content, Fonts fonts, PDRectangle box) {
            this.content = content;
            this.fonts = fonts;
            this.width = box.getWidth() - 2 * MARGIN;
            this.top = box.getHeight() - MARGIN;
            this.cursor = top;
        }

        void write(List<Element> elements, int number) throws IOException {
            for (Element element : elements) {
                switch (element) {
                    case Element.Heading h -> heading(h);
                    case Element.Paragraph p -> paragraph(p.text());
                    case Element.Bullet b -> bullet(b.text());
                    case Element.Table t -> table(t);
                }
            }
            if (cursor < MARGIN) {
                throw new IllegalArgumentException("the elements of page " + number + " do not fit on one page");
            }
        }

        private void heading(Element.Heading heading) throws IOException {
            float size = heading.level() == 1 ? 18 : heading.level() == 2 ? 14 : BODY_SIZE;
            if (cursor < top) {
                cursor -= 10;
            }
            for (String line : PdfText.wrap(fonts.bold(), size, heading.text(), width)) {
                line(fonts.bold(), size, MARGIN, line, 1.25f * size);
            }
            cursor -= 4;
        }

        private void paragraph(String text) throws IOException {
            boolean bold = text.length() > 4 && text.startsWith("**") && text.endsWith("**");
            PDType1Font font = bold ? fonts.bold() : fonts.regular();
            String clean = bold ? text.substring(2, text.length() - 2) : text;
            for (String line : PdfText.wrap(font, BODY_SIZE, clean, width)) {
                line(font, BODY_SIZE, MARGIN, line, LEADING);
            }
            cursor -= PARAGRAPH_SPACE;
        }

        private void bullet(String text) throws IOException {
            List<String> lines = PdfText.wrap(fonts.regular(), BODY_SIZE, text, width - BULLET_INDENT);
            show(content, fonts.regular(), BODY_SIZE, MARGIN, cursor - BODY_SIZE, "\u2022");
            for (String line : lines) {
                line(fonts.regular(), BODY_SIZE, MARGIN + BULLET_INDENT, line, LEADING);
            }
            cursor -= 3;
        }

        private void table(Element.Table table) throws IOException {
            float column = width / table.header().size();
            List<List<String>> rows = new ArrayList<>();
            rows.add(table.header());
            rows.addAll(table.rows());
            for (int r = 0; r < rows.size(); r++) {
                PDType1Font font = r == 0 ? fonts.bold() : fonts.regular();
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    show(content, font, BODY_SIZE, MARGIN + c * column, cursor - BODY_SIZE, cells.get(c));
                }
                cursor -= LEADING;
            }
            cursor -= PARAGRAPH_SPACE;
        }

        private void line(PDType1Font font, float size, float x, String text, float advance) throws IOException {
            show(content, font, size, x, cursor - size, text);
            cursor -= advance;
        }
    }
}
