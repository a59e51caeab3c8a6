package dev.verity.testkit.files;

import static dev.verity.testkit.files.Element.bullet;
import static dev.verity.testkit.files.Element.heading;
import static dev.verity.testkit.files.Element.paragraph;
import static dev.verity.testkit.files.Element.table;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes real, small files of every format Verity ingests, for parser tests and end-to-end tests. Every method writes
 * the file at the given path (replacing it, creating missing directories) and returns that path. The bytes are the
 * same on every run (fixed dates, ids, zip timestamps and seeds), except for encrypted files, whose salts are random
 * as the formats require. I/O failures surface as {@link UncheckedIOException}.
 *
 * <pre>{@code
 * Path pdf = SampleFiles.pdf(dir.resolve("handbook.pdf"), "Leave policy", List.of("Page one.", "Page two."));
 * Path docx = SampleFiles.docx(dir.resolve("pricing.docx"), "Pricing", SampleFiles.PRICING_GUIDE);
 * }</pre>
 *
 * The same {@link Element} list can be written as DOCX, ODT, EPUB, RTF, HTML and Markdown, so one expectation can be
 * checked against every format.
 */
public final class SampleFiles {

    /** A short prose document with two heading levels, paragraphs, a bulleted list and a three-column table. */
    public static final List<Element> PRICING_GUIDE = List.of(
            heading(1, "Pricing guide"),
            paragraph("This guide explains how Acme plans are priced and billed."),
            heading(2, "Plans"),
            paragraph("Every plan includes email support and unlimited projects."),
            bullet("Billed monthly or yearly"),
            bullet("Cancel at any time"),
            table(
                    List.of("Plan", "Price", "Seats"),
                    List.of(
                            List.of("Starter", "$5", "1 seat"),
                            List.of("Team", "$20", "10 seats"),
                            List.of("Enterprise", "$99", "Unlimited seats"))),
            heading(2, "Refunds"),
            paragraph("Refunds are granted within 30 days of purchase."));

    /** Sentences that {@link #html} puts in boilerplate (script, style, header, nav, cookie banner, aside, form…). */
    public static final List<String> HTML_BOILERPLATE = HtmlWriter.BOILERPLATE;

    private SampleFiles() {}

    /** A PDF with one page per text; blank lines in a text separate paragraphs, long lines are wrapped. */
    public static Path pdf(Path file, String title, List<String> pageTexts) {
        return write(file, () -> PdfWriter.write(file, title, pageTexts, null));
    }

    /** A PDF without a title in its metadata. */
    public static Path pdf(Path file, String... pageTexts) {
        return pdf(file, "", List.of(pageTexts));
    }

    /**
     * A PDF set like a word processor's output, one page per list of elements: headings in bold (level 1 at 18 pt,
     * level 2 at 14 pt, level 3 and below at the 11 pt body size), paragraphs wrapped with space between them (a
     * paragraph written {@code **like this**} is set in bold), bullets with a hanging indent, tables as rows of cells.
     * {@code header} and {@code footer} (empty for none) are drawn in 9 pt at the top and bottom of every page;
     * {@code {page}} and {@code {pages}} in them become the page number and the page count.
     */
    public static Path typesetPdf(Path file, String header, String footer, List<List<Element>> pages) {
        return write(file, () -> TypesetPdfWriter.write(file, header, footer, pages));
    }

    /** A PDF encrypted with AES-256 that needs {@code userPassword} to be opened. */
    public static Path encryptedPdf(Path file, String userPassword, String... pageTexts) {
        return write(file, () -> PdfWriter.write(file, "", List.of(pageTexts), userPassword));
    }

    /** A Word document with real heading styles ("heading 1"…), a bullet list definition and tables. */
    public static Path docx(Path file, String title, List<Element> elements) {
        return write(file, () -> DocxWriter.write(file, title, elements));
    }

    /** A Word document protected with a password (ECMA-376 agile encryption, as Word writes it). */
    public static Path encryptedDocx(Path file, String password, List<Element> elements) {
        return write(file, () -> DocxWriter.writeEncrypted(file, password, elements));
    }

    /** A PowerPoint presentation, one "Title and Content" slide per {@link Slide}. */
    public static Path pptx(Path file, String title, List<Slide> slides) {
        return write(file, () -> PptxWriter.write(file, title, slides));
    }

    /** An Excel workbook (XLSX), one sheet per {@link Sheet}. */
    public static Path xlsx(Path file, Sheet... sheets) {
        return write(file, () -> SpreadsheetWriter.writeXlsx(file, List.of(sheets)));
    }

    /** A legacy Excel 97-2003 workbook (XLS). */
    public static Path xls(Path file, Sheet... sheets) {
        return write(file, () -> SpreadsheetWriter.writeXls(file, List.of(sheets)));
    }

    /** An OpenDocument text (ODT) with outline headings, lists and tables. */
    public static Path odt(Path file, String title, List<Element> elements) {
        return write(file, () -> OdfWriter.writeText(file, title, elements));
    }

    /** An OpenDocument spreadsheet (ODS); the first row of each sheet is written first. */
    public static Path ods(Path file, Sheet... sheets) {
        return write(file, () -> OdfWriter.writeSpreadsheet(file, List.of(sheets)));
    }

    /** An OpenDocument presentation (ODP), one page per {@link Slide} with title, bullet list and notes. */
    public static Path odp(Path file, String title, List<Slide> slides) {
        return write(file, () -> OdfWriter.writePresentation(file, title, slides));
    }

    /** An EPUB 3 book with a navigation document; every level-1 heading starts a new chapter file. */
    public static Path epub(Path file, String title, List<Element> elements) {
        return write(file, () -> EpubWriter.write(file, title, elements));
    }

    /** An RTF document with outline-level headings, bullet paragraphs and RTF tables. */
    public static Path rtf(Path file, String title, List<Element> elements) {
        return writeText(file, TextFormats.rtfDocument(title, elements), StandardCharsets.US_ASCII);
    }

    /** An HTML page: the elements in an {@code <article>}, surrounded by the {@link #HTML_BOILERPLATE}. */
    public static Path html(Path file, String title, List<Element> elements) {
        return writeText(file, HtmlWriter.page(title, elements), StandardCharsets.UTF_8);
    }

    /** A Markdown file with ATX headings, {@code -} bullets and GFM pipe tables. */
    public static Path markdown(Path file, List<Element> elements) {
        return writeText(file, TextFormats.markdown(elements), StandardCharsets.UTF_8);
    }

    /** A delimited text file (CSV with {@code ','} or {@code ';'}, TSV with tab), quoting cells as RFC 4180 does. */
    public static Path csv(Path file, char delimiter, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    out.append(delimiter);
                }
                String cell = row.get(c);
                boolean quote = cell.indexOf(delimiter) >= 0 || cell.contains("\"") || cell.contains("\n");
                out.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            out.append("\r\n");
        }
        return writeText(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** A plain-text file in the given encoding, without a byte order mark. */
    public static Path text(Path file, String text, Charset charset) {
        return writeText(file, text, charset);
    }

    /** An RFC 822 message ({@code .eml}) with the given headers, body parts and attachments. */
    public static Path eml(Path file, Email email) {
        return writeText(file, MimeWriter.message(email), StandardCharsets.UTF_8);
    }

    /**
     * A Unix mailbox ({@code .mbox}, the mboxrd flavour): each message after a {@code From } separator line, body lines
     * starting with {@code From } (or {@code >From }) quoted with one more {@code >}, a blank line after each message.
     */
    public static Path mbox(Path file, List<Email> emails) {
        StringBuilder out = new StringBuilder();
        java.time.format.DateTimeFormatter asctime =
                java.time.format.DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", java.util.Locale.ROOT);
        for (Email email : emails) {
            String sender = email.from().replaceAll(".*<([^>]+)>.*", "$1");
            out.append("From ")
                    .append(sender)
                    .append(' ')
                    .append(asctime.format(email.date()))
                    .append('\n');
            for (String line : MimeWriter.message(email).split("\r\n", -1)) {
                out.append(line.matches(">*From .*") ? ">" + line : line).append('\n');
            }
            out.append('\n');
        }
        return writeText(file, out.toString(), StandardCharsets.UTF_8);
    }

    /** A copy of {@code source} cut to its first half, as an interrupted download leaves it. */
    public static Path truncated(Path source, Path target) {
        return write(target, () -> {
            byte[] bytes = Files.readAllBytes(source);
            Files.write(target, Arrays.copyOf(bytes, bytes.length / 2));
        });
    }

    /** A 16x16 PNG image. */
    public static Path png(Path file) {
        return write(file, () -> {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, x, 0xFF8800);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * A PDF with one page per text in which the pages listed in {@code scannedPages} (1-based) are "scans": the text
     * rendered at 300 dpi and embedded as a page image, with no text layer. The other pages are text, one line per
     * line of their text.
     */
    public static Path scannedPdf(Path file, List<String> pageTexts, Set<Integer> scannedPages) {
        return write(file, () -> ScanWriter.pdf(file, pageTexts, scannedPages));
    }

    /**
     * An image of text as a scanner would produce it: {@code format} {@code png}, {@code jpeg} or {@code tiff}, one
     * A4 page at {@code dpi}; several texts make a multi-page image (TIFF only).
     */
    public static Path scanImage(Path file, String format, int dpi, String... pageTexts) {
        return write(file, () -> ScanWriter.image(file, format, List.of(pageTexts), dpi));
    }

    /** A greyscale A4 page image of the text at {@code dpi}, as {@link #scanImage} writes it. */
    public static BufferedImage scanPage(String text, int dpi) {
        return ScanWriter.page(text, dpi);
    }

    /** A zip archive holding the given text entries, in order. */
    public static Path zip(Path file, Map<String, String> entries) {
        return write(file, () -> ZipFiles.write(file, entries));
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    public static Path randomBytes(Path file, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return write(file, () -> Files.write(file, bytes));
    }

    /** A file of 0 bytes. */
    public static Path empty(Path file) {
        return write(file, () -> Files.write(file, new byte[0]));
    }

    /** Reads a generated file back, e.g. to attach it to an {@link Email}. */
    public static byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path writeText(Path file, String text, Charset charset) {
        return write(file, () -> Files.writeString(file, text, charset));
    }

    private static Path write(Path file, IoAction action) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            action.run();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample file " + file, e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
