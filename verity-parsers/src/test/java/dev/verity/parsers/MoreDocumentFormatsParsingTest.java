package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formats beyond the Office mainstream that Tika's standard parsers read: Excel 4 and Excel 5/95 workbooks,
 * WordPerfect, and Apple iWork '09 (Pages, Keynote, Numbers). Their fixtures are written byte by byte here, as the formats' specifications lay
 * them out, since no library on the classpath writes them. Visio, Publisher, OneNote, CHM and Outlook {@code .pst}
 * have no writer here and no sample in docs-dev: {@code FormatTest} checks that they are routed to their reader.
 */
class MoreDocumentFormatsParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void readsTheCellsOfAnExcel4Worksheet() throws Exception {
        Path file = Files.write(dir.resolve("budget.xls"), biff(0x0409, new byte[] {0, 0, 0x10, 0, 0, 0}));

        assertThat(PARSER.detect(file, "budget.xls")).isEqualTo("application/vnd.ms-excel.sheet.4");
        ParsedDocument doc = PARSER.parse(file, "budget.xls");

        assertThat(doc.kind()).isEqualTo(DocumentKind.TABLES);
        assertThat(doc.text()).contains("Region", "Revenue", "North", "Café au lait 1200");
    }

    @Test
    void readsTheCellsOfAnExcel5Workbook() throws Exception {
        Path file = dir.resolve("budget95.xls");
        try (POIFSFileSystem fs = new POIFSFileSystem();
                OutputStream out = Files.newOutputStream(file)) {
            // Excel 5/95 keeps BIFF5 records in a "Book" stream where Excel 97 has "Workbook"
            fs.createDocument(new ByteArrayInputStream(biff(0x0809, new byte[] {0, 5, 0x10, 0, 0, 0, 0, 0})), "Book");
            fs.writeFilesystem(out);
        }

        assertThat(PARSER.detect(file, "budget95.xls")).isEqualTo("application/vnd.ms-excel");
        ParsedDocument doc = PARSER.parse(file, "budget95.xls");

        assertThat(doc.kind()).isEqualTo(DocumentKind.TABLES);
        assertThat(doc.text()).contains("Region", "Revenue", "North", "Café au lait 1200");
    }

    @Test
    void readsTheParagraphsOfAWordPerfectDocument() throws Exception {
        Path file = Files.write(
                dir.resolve("memo.wpd"), wordPerfect6("Memo to staff", "The office closes at noon on Friday."));

        assertThat(PARSER.detect(file, "memo.wpd")).isEqualTo("application/vnd.wordperfect");
        ParsedDocument doc = PARSER.parse(file, "memo.wpd");

        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(Blocks.paragraphs(doc)).containsExactly("Memo to staff", "The office closes at noon on Friday.");
    }

    @Test
    void readsAPages09Document() throws Exception {
        Path file = zip(dir.resolve("letter.pages"), "index.xml", """
                <?xml version="1.0"?>
                <sl:document xmlns:sl="http://developer.apple.com/namespaces/sl"
                    xmlns:sf="http://developer.apple.com/namespaces/sf">
                  <sf:text-storage sf:kind="body"><sf:text-body><sf:section><sf:layout>
                    <sf:page-start sf:page-index="0"/>
                    <sf:p>Dear customer,</sf:p><sf:p>your order has shipped.</sf:p>
                  </sf:layout></sf:section></sf:text-body></sf:text-storage>
                </sl:document>
                """);

        assertThat(PARSER.detect(file, "letter.pages")).isEqualTo("application/vnd.apple.pages");
        ParsedDocument doc = PARSER.parse(file, "letter.pages");

        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(doc.text()).contains("Dear customer,", "your order has shipped.");
    }

    @Test
    void readsTheSlideTitlesOfAKeynote09PresentationAsHeadings() throws Exception {
        Path file = zip(dir.resolve("deck.key"), "index.apxl", """
                <?xml version="1.0"?>
                <key:presentation xmlns:key="http://developer.apple.com/namespaces/keynote2"
                    xmlns:sf="http://developer.apple.com/namespaces/sf">
                  <key:slide-list>
                    <key:slide>
                      <key:title-placeholder><sf:text-body><sf:p>Quarterly results</sf:p></sf:text-body>
                      </key:title-placeholder>
                      <key:body-placeholder><sf:text-body><sf:p>Revenue grew by a third</sf:p></sf:text-body>
                      </key:body-placeholder>
                    </key:slide>
                  </key:slide-list>
                </key:presentation>
                """);

        assertThat(PARSER.detect(file, "deck.key")).isEqualTo("application/vnd.apple.keynote");
        ParsedDocument doc = PARSER.parse(file, "deck.key");

        assertThat(doc.kind()).isEqualTo(DocumentKind.SLIDES);
        assertThat(Blocks.headings(doc)).contains("1 Quarterly results");
        assertThat(doc.text()).contains("Revenue grew by a third");
    }

    @Test
    void readsTheTablesOfANumbers09Spreadsheet() throws Exception {
        Path file = zip(dir.resolve("sales.numbers"), "index.xml", """
                <?xml version="1.0"?>
                <ls:document xmlns:ls="http://developer.apple.com/namespaces/ls"
                    xmlns:sf="http://developer.apple.com/namespaces/sf"
                    xmlns:sfa="http://developer.apple.com/namespaces/sfa">
                  <ls:workspace ls:workspace-name="Sheet 1">
                    <sf:tabular-model sf:name="Sales"><sf:grid sf:numcols="2"><sf:datasource>
                      <sf:t><sf:ct sfa:s="Region"/></sf:t><sf:t><sf:ct sfa:s="Revenue"/></sf:t>
                      <sf:t><sf:ct sfa:s="North"/></sf:t><sf:t><sf:ct sfa:s="1200"/></sf:t>
                    </sf:datasource></sf:grid></sf:tabular-model>
                  </ls:workspace>
                </ls:document>
                """);

        assertThat(PARSER.detect(file, "sales.numbers")).isEqualTo("application/vnd.apple.numbers");
        ParsedDocument doc = PARSER.parse(file, "sales.numbers");

        assertThat(doc.kind()).isEqualTo(DocumentKind.TABLES);
        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.headerLine()).isEqualTo("Region | Revenue");
        assertThat(Blocks.rowLines(table)).containsExactly("North | 1200");
    }

    @Test
    void refusesAPages2013DocumentSayingWhyAndWhatToDo() throws Exception {
        Path file = dir.resolve("report.pages");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            // the text is in protobuf archives under Index/; the build history names the iWork 2013+ format
            for (String entry : new String[] {"Index/Document.iwa", "Metadata/BuildVersionHistory.plist"}) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(1);
                zip.closeEntry();
            }
        }

        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> PARSER.parse(file, "report.pages"));

        assertThat(e.rejection().reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(e.rejection().detail())
                .startsWith("files of type application/vnd.apple.unknown.13 are not supported: Apple Pages,")
                .contains("export the file as PDF");
    }

    @Test
    void refusesAPages2013DocumentWithoutItsBuildHistoryAsUnsupportedNotAsEmpty() throws Exception {
        Path file = zip(dir.resolve("notes.pages"), "Index/Document.iwa", "protobuf, not XML");

        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> PARSER.parse(file, "notes.pages"));

        assertThat(e.rejection().reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(e.rejection().detail())
                .startsWith("the file has no iWork '09 index (index.xml, index.apxl, presentation.apxl): Apple Pages,");
    }

    @Test
    void refusesAHeicImageSayingWhyAndWhatToDo() throws Exception {
        // the ISO base media "ftyp" box of a HEIC still image, as a phone writes it
        ByteBuffer box = ByteBuffer.allocate(32);
        box.putInt(24).put("ftypheic".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        box.put("mif1heic".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("IMG_0001.heic"), box.array());

        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> PARSER.parse(file, "IMG_0001.heic"));

        assertThat(e.rejection().reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(e.rejection().detail())
                .startsWith("files of type image/heic are not supported: neither Java nor Tesseract decodes")
                .contains("convert the image to JPEG or PNG");
    }

    @Test
    void rejectsAFileThatIsNoOutlookDataFileAsDamagedNotWithAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("archive.pst"), "!BDN but nothing after the magic number");

        DocumentRejectedException e = catchThrowableOfType(
                DocumentRejectedException.class,
                () -> PARSER.parse(file, "archive.pst", "application/vnd.ms-outlook-pst"));

        assertThat(e.rejection().reason()).isIn(RejectionReason.CORRUPT, RejectionReason.UNPARSEABLE);
        assertThat(e.rejection().detail()).contains("Outlook data file");
    }

    /** A worksheet of two rows: BOF, four LABEL records (BIFF3-5 layout), EOF. */
    private static byte[] biff(int bofSid, byte[] bof) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(record(bofSid, bof));
        out.write(record(0x0204, label(0, 0, "Region")));
        out.write(record(0x0204, label(0, 1, "Revenue")));
        out.write(record(0x0204, label(1, 0, "North")));
        out.write(record(0x0204, label(1, 1, "Café au lait 1200")));
        out.write(record(0x000A, new byte[0]));
        return out.toByteArray();
    }

    private static byte[] record(int sid, byte[] data) {
        return ByteBuffer.allocate(4 + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) sid)
                .putShort((short) data.length)
                .put(data)
                .array();
    }

    /** A LABEL cell: row, column, format index, length, then the characters in the workbook's code page. */
    private static byte[] label(int row, int column, String text) {
        byte[] chars = text.getBytes(java.nio.charset.Charset.forName("windows-1252"));
        return ByteBuffer.allocate(8 + chars.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) row)
                .putShort((short) column)
                .putShort((short) 0)
                .putShort((short) chars.length)
                .put(chars)
                .array();
    }

    /**
     * A WordPerfect 6 document: the 16-byte prefix (magic {@code FF 57 50 43}, where the document area starts,
     * product 1 = WordPerfect, file type 10 = document, version 2.1, not encrypted), an empty index header, then the
     * text: ASCII as is, 0x80 for a space, 0xCC for a hard return.
     */
    private static byte[] wordPerfect6(String... paragraphs) {
        int start = 32;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer prefix = ByteBuffer.allocate(start).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(new byte[] {(byte) 0xFF, 'W', 'P', 'C'})
                .putInt(start)
                .put((byte) 1)
                .put((byte) 10);
        prefix.put((byte) 2).put((byte) 1).putShort((short) 0).putShort((short) 0);
        out.writeBytes(prefix.array());
        for (String paragraph : paragraphs) {
            for (char c : paragraph.toCharArray()) {
                out.write(c == ' ' ? 0x80 : c);
            }
            out.write(0xCC);
        }
        return out.toByteArray();
    }

    private static Path zip(Path file, String entry, String content) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }
}
