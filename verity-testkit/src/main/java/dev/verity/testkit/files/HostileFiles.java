package dev.verity.testkit.files;

import static dev.verity.testkit.files.Element.paragraph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Files built to hurt a parser, generated on demand so none has to live in the repository: zip bombs, entity bombs,
 * external entities, PDFs whose structure loops, images that declare absurd sizes, and files that need more memory
 * than a parser should have. Each is small on disk. Used by the isolation tests and the hostile-corpus benchmark.
 *
 * <p>Do NOT open these with a desktop application.
 */
public final class HostileFiles {
    private static final String WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    /** Ten levels of ten: 10^9 copies of "lol", 3 GB, from under 1 KB. */
    private static final String BILLION_LAUGHS_DTD = """
            <!DOCTYPE %s [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>""";

    private HostileFiles() {}

    /**
     * A DOCX whose {@code word/document.xml} inflates to {@code inflatedBytes} (one paragraph of that many letters)
     * from about a thousandth of that on disk.
     */
    public static Path zipBombDocx(Path file, long inflatedBytes) {
        return write(file, () -> {
            Map<String, byte[]> entries = entries(SampleFiles.docx(sibling(file), "Bomb", List.of(paragraph("Bomb."))));
            String head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\""
                    + WORD_NS + "\"><w:body><w:p><w:r><w:t>";
            String tail = "</w:t></w:r></w:p></w:body></w:document>";
            rewrite(file, entries, "word/document.xml", out -> repeat(out, head, (byte) 'a', inflatedBytes, tail));
        });
    }

    /** An XLSX whose first sheet inflates to {@code inflatedBytes} of one cell's text. */
    public static Path zipBombXlsx(Path file, long inflatedBytes) {
        return write(file, () -> {
            Map<String, byte[]> entries =
                    entries(SampleFiles.xlsx(sibling(file), Sheet.of("Bomb", List.of("a"), List.of("b"))));
            String sheet = entries.keySet().stream()
                    .filter(n -> n.startsWith("xl/worksheets/sheet"))
                    .findFirst()
                    .orElseThrow();
            String head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"" + SHEET_NS
                    + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
            String tail = "</t></is></c></row></sheetData></worksheet>";
            rewrite(file, entries, sheet, out -> repeat(out, head, (byte) 'a', inflatedBytes, tail));
        });
    }

    /**
     * A DOCX with a nested zip bomb among its embedded objects: an archive of ten archives of ten entries of
     * {@code innerBytes} zeros each, 100 x {@code innerBytes} once fully expanded.
     */
    public static Path nestedZipBombDocx(Path file, long innerBytes) {
        return write(file, () -> {
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(inner)) {
                zip.setLevel(Deflater.BEST_SPEED); // zeros compress a thousandfold at any level
                for (int i = 0; i < 10; i++) {
                    zip.putNextEntry(new ZipEntry("zeros-" + i + ".bin"));
                    repeat(zip, "", (byte) 0, innerBytes, "");
                    zip.closeEntry();
                }
            }
            ByteArrayOutputStream outer = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(outer)) {
                for (int i = 0; i < 10; i++) {
                    zip.putNextEntry(new ZipEntry("level-" + i + ".zip"));
                    zip.write(inner.toByteArray());
                    zip.closeEntry();
                }
            }
            Map<String, byte[]> entries = entries(SampleFiles.docx(
                    sibling(file),
                    "Nested",
                    List.of(paragraph("The visible text of a document that carries a nested archive."))));
            entries.put("word/embeddings/archive.zip", outer.toByteArray());
            String types = new String(entries.get("[Content_Types].xml"), StandardCharsets.UTF_8);
            entries.put(
                    "[Content_Types].xml",
                    types.replaceFirst(
                                    "(<Types[^>]*>)", "$1<Default Extension=\"zip\" ContentType=\"application/zip\"/>")
                            .getBytes(StandardCharsets.UTF_8));
            rewrite(file, entries, null, null);
        });
    }

    /** An XML file with the billion-laughs entity bomb under {@code root}. */
    public static Path billionLaughsXml(Path file, String root) {
        return writeString(
                file,
                "<?xml version=\"1.0\"?>\n" + BILLION_LAUGHS_DTD.formatted(root) + "\n<" + root + ">&lol9;</" + root
                        + ">\n");
    }

    /** An SVG image whose text is the billion-laughs entity bomb. */
    public static Path billionLaughsSvg(Path file) {
        return writeString(
                file,
                "<?xml version=\"1.0\"?>\n" + BILLION_LAUGHS_DTD.formatted("svg")
                        + "\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><text x=\"0\" y=\"20\">"
                        + "&lol9;</text></svg>\n");
    }

    /** A DOCX whose document.xml declares the billion-laughs entities and uses the last. */
    public static Path billionLaughsDocx(Path file) {
        return write(file, () -> {
            Map<String, byte[]> entries = entries(SampleFiles.docx(sibling(file), "Laughs", List.of(paragraph("x"))));
            entries.put(
                    "word/document.xml",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                    + BILLION_LAUGHS_DTD.formatted("w:document") + "\n<w:document xmlns:w=\"" + WORD_NS
                                    + "\"><w:body>"
                                    + "<w:p><w:r><w:t>Laughs: &lol9;</w:t></w:r></w:p></w:body></w:document>")
                            .getBytes(StandardCharsets.UTF_8));
            rewrite(file, entries, null, null);
        });
    }

    /** An ODT whose content.xml declares the billion-laughs entities and uses the last. */
    public static Path billionLaughsOdt(Path file) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("mimetype", "application/vnd.oasis.opendocument.text");
        entries.put(
                "content.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + BILLION_LAUGHS_DTD.formatted("office:document-content")
                        + "\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                        + "<office:body><office:text><text:p>Laughs: &lol9;</text:p></office:text></office:body>"
                        + "</office:document-content>");
        return SampleFiles.zip(file, entries);
    }

    /**
     * A DOCX whose document.xml declares an external entity naming {@code secret} (a local file) and shows it between
     * "Visible" and "text".
     */
    public static Path externalEntityDocx(Path file, Path secret) {
        return write(file, () -> {
            Map<String, byte[]> entries = entries(SampleFiles.docx(sibling(file), "XXE", List.of(paragraph("x"))));
            entries.put(
                    "word/document.xml",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE w:document"
                                    + " [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n<w:document xmlns:w=\""
                                    + WORD_NS
                                    + "\"><w:body><w:p><w:r><w:t>Visible &xxe; text</w:t></w:r></w:p></w:body></w:document>")
                            .getBytes(StandardCharsets.UTF_8));
            rewrite(file, entries, null, null);
        });
    }

    /** An XLSX whose shared strings declare an external entity naming {@code secret}. */
    public static Path externalEntityXlsx(Path file, Path secret) {
        return write(file, () -> {
            Map<String, byte[]> entries =
                    entries(SampleFiles.xlsx(sibling(file), Sheet.of("S", List.of("head"), List.of("cell"))));
            String sheet = entries.keySet().stream()
                    .filter(n -> n.startsWith("xl/worksheets/sheet"))
                    .findFirst()
                    .orElseThrow();
            entries.put(
                    sheet,
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \""
                                    + secret.toUri() + "\">]>\n<worksheet xmlns=\"" + SHEET_NS
                                    + "\"><sheetData><row r=\"1\">"
                                    + "<c r=\"A1\" t=\"inlineStr\"><is><t>Visible &xxe; text</t></is></c></row></sheetData></worksheet>")
                            .getBytes(StandardCharsets.UTF_8));
            rewrite(file, entries, null, null);
        });
    }

    /** A PDF whose page tree loops: the root's only kid is a node whose only kid is the root. */
    public static Path circularPageTreePdf(Path file) {
        return writePdf(
                file,
                List.of(
                        "<< /Type /Catalog /Pages 2 0 R >>",
                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"),
                false);
    }

    /** A PDF whose cross-reference trailer names itself as the previous one ({@code /Prev} loop). */
    public static Path selfReferencingXrefPdf(Path file) {
        return writePdf(file, pageWithText("Looping cross references."), true);
    }

    /**
     * A PDF whose page draws a form that draws itself: content streams that recurse forever unless the reader stops
     * them.
     */
    public static Path selfDrawingFormPdf(Path file) {
        String page = "BT /F1 12 Tf 72 700 Td (A page that draws itself.) Tj ET /X1 Do";
        String form = "/X1 Do";
        return writePdf(
                file,
                List.of(
                        "<< /Type /Catalog /Pages 2 0 R >>",
                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R"
                                + " >> /XObject << /X1 6 0 R >> >> >>",
                        stream("", page),
                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                        stream(
                                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 6 0 R >> >>",
                                form)),
                false);
    }

    /** A PDF whose page content nests arrays {@code depth} deep: recursive descent parsers overflow their stack. */
    public static Path deeplyNestedPdf(Path file, int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        return writePdf(
                file,
                List.of(
                        "<< /Type /Catalog /Pages 2 0 R >>",
                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R"
                                + " >> >> /Nested " + nested + " >>",
                        stream("", "BT /F1 12 Tf 72 700 Td (Nested.) Tj ET"),
                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
                false);
    }

    /**
     * A PNG whose header declares {@code width} x {@code height} pixels of RGB, with a few bytes of image data: 100,000
     * square is 30 GB once decoded, in a file of under 100 bytes.
     */
    public static Path hugePng(Path file, int width, int height) {
        return write(file, () -> {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteBuffer header = ByteBuffer.allocate(13)
                    .putInt(width)
                    .putInt(height)
                    .put((byte) 8)
                    .put((byte) 2)
                    .put((byte) 0)
                    .put((byte) 0)
                    .put((byte) 0);
            chunk(png, "IHDR", header.array());
            Deflater deflater = new Deflater();
            deflater.setInput(new byte[1024]);
            deflater.finish();
            byte[] data = new byte[2048];
            int length = deflater.deflate(data);
            chunk(png, "IDAT", Arrays.copyOf(data, length));
            chunk(png, "IEND", new byte[0]);
            Files.write(file, png.toByteArray());
        });
    }

    /**
     * A CSV of {@code rows} rows of two short cells: small as text, millions of objects once parsed into a table, so a
     * parser with a small heap runs out of it.
     */
    public static Path heapHungryCsv(Path file, int rows) {
        return write(file, () -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                out.write("key,value\n".getBytes(StandardCharsets.US_ASCII));
                byte[] row = "k,v\n".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < rows; i++) {
                    out.write(row);
                }
            }
        });
    }

    private static List<String> pageWithText(String text) {
        return List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R"
                        + " >> >> >>",
                stream("", "BT /F1 12 Tf 72 700 Td (" + text + ") Tj ET"),
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    }

    private static String stream(String dictionary, String content) {
        return "<< " + dictionary + " /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
    }

    /** Objects 1..n in order, a classic xref table, and a trailer; {@code prevLoop} makes /Prev name this xref. */
    private static Path writePdf(Path file, List<String> objects, boolean prevLoop) {
        return write(file, () -> {
            StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                offsets.add(pdf.length());
                pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
            }
            int xref = pdf.length();
            pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
            for (int offset : offsets) {
                pdf.append(String.format("%010d 00000 n \n", offset));
            }
            pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R");
            if (prevLoop) {
                pdf.append(" /Prev ").append(xref);
            }
            pdf.append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
            Files.writeString(file, pdf, StandardCharsets.ISO_8859_1);
        });
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void repeat(OutputStream out, String head, byte fill, long count, String tail) throws IOException {
        out.write(head.getBytes(StandardCharsets.UTF_8));
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, fill);
        for (long left = count; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
        out.write(tail.getBytes(StandardCharsets.UTF_8));
    }

    /** A scratch file beside {@code file} for the well-formed package a hostile one is made from. */
    private static Path sibling(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path base = Files.createTempFile(dir, ".base-", "-" + file.getFileName());
        base.toFile().deleteOnExit();
        return base;
    }

    private static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zipFile);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        Files.deleteIfExists(zipFile);
        return entries;
    }

    /** Writes the entries in order; {@code streamed} (when not null) is written by {@code body} instead. */
    private static void rewrite(Path file, Map<String, byte[]> entries, String streamed, EntryBody body)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                boolean large = e.getKey().equals(streamed);
                zip.setLevel(large ? Deflater.BEST_SPEED : Deflater.BEST_COMPRESSION); // runs compress well either way
                zip.putNextEntry(new ZipEntry(e.getKey()));
                if (large) {
                    body.write(zip);
                } else {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
    }

    @FunctionalInterface
    private interface EntryBody {
        void write(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static Path writeString(Path file, String text) {
        return write(file, () -> Files.writeString(file, text, StandardCharsets.UTF_8));
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
            throw new UncheckedIOException("cannot write the hostile file " + file, e);
        }
    }
}
