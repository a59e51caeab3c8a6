package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text whose bytes do not say, or lie about, how they are encoded: UTF-16 without a byte order mark, and HTML pages
 * whose {@code <meta charset>} names another charset than the one the page was saved in.
 */
class CharsetDetectionTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    private static final Path DOCS_DEV = Path.of("../../shared/data/docs-dev/files");
    private static final String FRENCH = "Le café de la gare sert un crème brûlée à la carte – même le dimanche.";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    @Test
    void readsLittleEndianUtf16WithoutAByteOrderMarkAsText() throws Exception {
        Path file =
                SampleFiles.text(dir.resolve("le.txt"), "Quarterly report.\n\n" + FRENCH, StandardCharsets.UTF_16LE);

        ParsedDocument doc = PARSER.parse(file, "le.txt");

        assertThat(doc.mediaType()).isEqualTo("text/plain");
        assertThat(doc.text()).isEqualTo("Quarterly report.\n\n" + FRENCH);
    }

    @Test
    void readsBigEndianUtf16WithoutAByteOrderMarkAsText() throws Exception {
        Path file = SampleFiles.text(dir.resolve("be.txt"), FRENCH, StandardCharsets.UTF_16BE);

        assertThat(PARSER.parse(file, "be.txt").text()).isEqualTo(FRENCH);
    }

    @Test
    void readsUtf16WithAByteOrderMarkInEitherByteOrder() throws Exception {
        Path le = SampleFiles.text(dir.resolve("bom-le.txt"), "\uFEFF" + FRENCH, StandardCharsets.UTF_16LE);
        Path be = SampleFiles.text(dir.resolve("bom-be.txt"), "\uFEFF" + FRENCH, StandardCharsets.UTF_16BE);

        assertThat(PARSER.parse(le, "bom-le.txt").text()).isEqualTo(FRENCH);
        assertThat(PARSER.parse(be, "bom-be.txt").text()).isEqualTo(FRENCH);
    }

    @Test
    void readsUtf16WithoutAByteOrderMarkUnderAnyTextName() throws Exception {
        Path csv = SampleFiles.text(
                dir.resolve("prices.csv"), "item,price\ncafé,2.50\nthé,2.00\n", StandardCharsets.UTF_16LE);

        ParsedDocument doc = PARSER.parse(csv, "prices.csv");

        assertThat(doc.mediaType()).isEqualTo("text/csv");
        assertThat(doc.text()).contains("café", "thé");
    }

    @Test
    void readsUtf16WithoutAByteOrderMarkOrAFileNameExtensionAsText() throws Exception {
        Path file = SampleFiles.text(dir.resolve("README"), FRENCH, StandardCharsets.UTF_16LE);

        ParsedDocument doc = PARSER.parse(file, "README");

        assertThat(doc.mediaType()).isEqualTo("text/plain");
        assertThat(doc.text()).isEqualTo(FRENCH);
    }

    @Test
    void stillRejectsBinaryDataNamedAsText() throws Exception {
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        Path file = Files.write(dir.resolve("random.txt"), binary);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PARSER.parse(file, "random.txt")))
                .isInstanceOf(dev.verity.ingestion.parsing.DocumentRejectedException.class);
    }

    @Test
    void readsAUtf8PageThatDeclaresLatin1AsUtf8() throws Exception {
        Path page = SampleFiles.text(dir.resolve("menu.html"), page("ISO-8859-1", FRENCH), StandardCharsets.UTF_8);

        ParsedDocument doc = PARSER.parse(page, "menu.html");

        assertThat(doc.text()).contains(FRENCH);
        assertThat(doc.title()).isEqualTo("Carte du café");
    }

    @Test
    void readsAWindows1252PageThatDeclaresUtf8AsWindows1252() throws Exception {
        String quoted = "Le “menu du jour” – café, crème brûlée – coûte 12 €.";
        Path page = SampleFiles.text(dir.resolve("menu.html"), page("utf-8", quoted), WINDOWS_1252);

        ParsedDocument doc = PARSER.parse(page, "menu.html");

        assertThat(doc.text()).contains(quoted);
        assertThat(doc.text()).doesNotContain("\uFFFD");
    }

    @Test
    void keepsTheDeclaredCharsetWhenTheBytesAgreeWithIt() throws Exception {
        String german = "Grüße aus Köln: die Straße ist schön, über Öl spricht man nicht.";
        Path page =
                SampleFiles.text(dir.resolve("koeln.html"), page("ISO-8859-1", german), StandardCharsets.ISO_8859_1);

        assertThat(PARSER.parse(page, "koeln.html").text()).contains(german);
    }

    @Test
    void readsTheUtf16TextFilesOfTheDevelopmentCorpus() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DOCS_DEV), "docs-dev is not next to the repository");
        for (String name :
                new String[] {"fake-text-utf-16-be.txt", "fake-text-utf-16-le.txt", "fake-text-utf-16.txt"}) {
            ParsedDocument doc = PARSER.parse(DOCS_DEV.resolve(name), name);

            assertThat(doc.text()).as(name).startsWith("This is a test document");
        }
    }

    @Test
    void readsAnEmailSavedAsUtf16() throws Exception {
        String message = "MIME-Version: 1.0\r\nSubject: Menu\r\nFrom: Dana <dana@example.com>\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n" + FRENCH + "\r\n";
        Path withMark = SampleFiles.text(dir.resolve("bom.eml"), "\uFEFF" + message, StandardCharsets.UTF_16LE);
        Path without = SampleFiles.text(dir.resolve("plain.eml"), message, StandardCharsets.UTF_16BE);

        for (Path file : List.of(withMark, without)) {
            ParsedDocument doc = PARSER.parse(file, file.getFileName().toString());

            assertThat(doc.headers()).as(file.getFileName().toString()).containsEntry("Subject", "Menu");
            assertThat(doc.text()).as(file.getFileName().toString()).contains(FRENCH);
        }
    }

    @Test
    void readsTheUtf16EmailsOfTheDevelopmentCorpus() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DOCS_DEV), "docs-dev is not next to the repository");
        for (String name : List.of("fake-email-utf-16-be.eml", "fake-email-utf-16-le.eml", "fake-email-utf-16.eml")) {
            ParsedDocument doc = PARSER.parse(DOCS_DEV.resolve("eml").resolve(name), name);

            assertThat(doc.headers()).as(name).containsEntry("Subject", "Test Email");
            assertThat(doc.text()).as(name).contains("This is a test email to use for unit tests.");
        }
    }

    private static String page(String declared, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"" + declared + "\"><title>Carte du café</title></head>"
                + "<body><h1>Carte</h1><p>" + body + "</p></body></html>";
    }
}
