package dev.verity.parsers.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.testkit.files.HostileFiles;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files, generated here, through real parser processes: each reaches its terminal state (a typed rejection,
 * or a document that holds none of what the attack aimed at) well within the timeout, and the pool serves the next
 * good file. The heap is small (128 MiB) so that exhausting it is quick.
 */
class HostileFilesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    /** Each file must end well inside the timeout: limits fire, nothing runs until it is killed. */
    private static final Duration PROMPT = Duration.ofSeconds(20);

    private static final AtomicInteger GOOD = new AtomicInteger();
    private static IsolatedDocumentParser parser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startPool() {
        parser = new IsolatedDocumentParser(
                IsolationSettings.defaults(2).withTimeout(TIMEOUT).withMaxHeapBytes(128L * 1024 * 1024));
    }

    @AfterAll
    static void stopPool() {
        parser.close();
    }

    @Test
    void rejectsADocxZipBombAsResourceLimit() throws Exception {
        Path bomb = HostileFiles.zipBombDocx(dir.resolve("bomb.docx"), 1L << 30); // 1 GiB inflated, ~2 MB on disk

        Rejection rejection = rejected(bomb);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail())
                .isEqualTo("the DOCX file is a zip bomb: entry word/document.xml expands more"
                        + " than 100 times its compressed size, the limit (VERITY_PARSE_MAX_EXPANSION_RATIO)");
        assertServesAGoodFile();
    }

    @Test
    void rejectsAnXlsxZipBombAsResourceLimit() throws Exception {
        Path bomb = HostileFiles.zipBombXlsx(dir.resolve("bomb.xlsx"), 1L << 30);

        Rejection rejection = rejected(bomb);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail()).startsWith("the XLSX workbook is a zip bomb: entry xl/worksheets/sheet1.xml");
        assertServesAGoodFile();
    }

    @Test
    void indexesTheTextAroundANestedZipBombWithoutOpeningIt() throws Exception {
        Path docx = HostileFiles.nestedZipBombDocx(dir.resolve("nested.docx"), 20L << 20); // 2 GB fully expanded

        ParsedDocument doc = parsedPromptly(docx);

        assertThat(doc.text()).isEqualTo("The visible text of a document that carries a nested archive.");
        assertServesAGoodFile();
    }

    @Test
    void rejectsBillionLaughsInOpenDocumentAsResourceLimit() throws Exception {
        Rejection rejection = rejected(HostileFiles.billionLaughsOdt(dir.resolve("laughs.odt")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail())
                .isEqualTo("the ODT file declares XML entities that expand more than 20 times,"
                        + " the limit of Tika's hardened XML parser (a billion-laughs bomb; this limit is fixed)");
        assertServesAGoodFile();
    }

    @Test
    void rejectsBillionLaughsInADocxBecauseOfficeXmlMayNotDeclareADtd() throws Exception {
        Rejection rejection = rejected(HostileFiles.billionLaughsDocx(dir.resolve("laughs.docx")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(rejection.detail())
                .isEqualTo("the DOCX file declares a DTD (<!DOCTYPE>), which Office never"
                        + " writes; it is refused because a DTD can expand entities or read local files");
        assertServesAGoodFile();
    }

    @Test
    void readsBillionLaughsXmlAndSvgAsTextWithoutExpandingAnEntity() throws Exception {
        for (Path file : new Path[] {
            HostileFiles.billionLaughsXml(dir.resolve("laughs.xml"), "root"),
            HostileFiles.billionLaughsSvg(dir.resolve("laughs.svg"))
        }) {
            ParsedDocument doc = parsedPromptly(file);

            assertThat(doc.text()).as(file.toString()).contains("&lol9;").doesNotContain("lollol");
        }
        assertServesAGoodFile();
    }

    @Test
    void neverResolvesAnExternalEntityInOfficeXml() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");

        Rejection docx = rejected(HostileFiles.externalEntityDocx(dir.resolve("xxe.docx"), secret));
        ParsedDocument xlsx = parsedPromptly(HostileFiles.externalEntityXlsx(dir.resolve("xxe.xlsx"), secret));

        assertThat(docx.reason()).isEqualTo(RejectionReason.CORRUPT);
        assertThat(docx.detail()).doesNotContain("TOP-SECRET");
        assertThat(xlsx.text()).contains("Visible").contains("text").doesNotContain("TOP-SECRET");
        assertServesAGoodFile();
    }

    @Test
    void survivesPdfsWhoseStructureLoops() throws Exception {
        ParsedDocument circular = parsedPromptly(HostileFiles.circularPageTreePdf(dir.resolve("circular.pdf")));
        ParsedDocument xref = parsedPromptly(HostileFiles.selfReferencingXrefPdf(dir.resolve("xref.pdf")));
        ParsedDocument form = parsedPromptly(HostileFiles.selfDrawingFormPdf(dir.resolve("form.pdf")));
        ParsedDocument nested = parsedPromptly(HostileFiles.deeplyNestedPdf(dir.resolve("nested.pdf"), 100_000));

        assertThat(circular.isBlank()).isTrue(); // ingestion rejects it as NO_TEXT
        assertThat(xref.text()).isEqualTo("Looping cross references.");
        assertThat(form.text()).isEqualTo("A page that draws itself.");
        assertThat(nested.isBlank()).isTrue();
        assertServesAGoodFile();
    }

    @Test
    void rejectsAnImageDeclaringTenGigapixelsBeforeDecodingIt() throws Exception {
        Rejection rejection = rejected(HostileFiles.hugePng(dir.resolve("huge.png"), 100_000, 100_000));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail())
                .isEqualTo("the image declares 100,000 x 100,000 pixels (10,000,000,000), more"
                        + " than the limit of 100,000,000 pixels (VERITY_PARSE_MAX_IMAGE_PIXELS)");
        assertServesAGoodFile();
    }

    @Test
    void rejectsAFileThatExhaustsTheParserHeapAsParserCrashed() throws Exception {
        // 3 million rows of two cells: 12 MB of text, hundreds of MB as a parsed table
        Rejection rejection = rejected(HostileFiles.heapHungryCsv(dir.resolve("hungry.csv"), 3_000_000));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.PARSER_CRASHED);
        // either the JVM's own OutOfMemoryError or the GcWatchdog's, whichever comes first
        assertThat(rejection.detail())
                .startsWith("the parser process died on this file: it ran out of memory (")
                .contains("OutOfMemoryError")
                .endsWith("); its heap is limited to 128 MiB (VERITY_PARSE_MEMORY)");
        assertServesAGoodFile();
    }

    private static Rejection rejected(Path file) {
        long start = System.nanoTime();
        DocumentRejectedException e = catchThrowableOfType(
                DocumentRejectedException.class,
                () -> parser.parse(file, file.getFileName().toString()));
        assertThat(e).as("a rejection for " + file.getFileName()).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
        return e.rejection();
    }

    private static ParsedDocument parsedPromptly(Path file) throws Exception {
        long start = System.nanoTime();
        ParsedDocument doc = parser.parse(file, file.getFileName().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
        return doc;
    }

    private static void assertServesAGoodFile() throws Exception {
        String name = "good-" + GOOD.incrementAndGet();
        Path good = SampleFiles.pdf(dir.resolve(name + ".pdf"), "Still serving " + name + ".");
        assertThat(parser.parse(good, name + ".pdf").text()).isEqualTo("Still serving " + name + ".");
    }
}
