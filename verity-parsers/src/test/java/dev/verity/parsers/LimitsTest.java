package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import dev.verity.testkit.files.HostileFiles;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety limits of {@link ParserSettings}, in process: each rejection names the limit and how to raise it. */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void rejectsContentNestedDeeperThanTheConfiguredLimit() throws Exception {
        Path odt = nestedLists(dir.resolve("nested.odt"), 40); // XHTML about 85 deep: within 100, beyond 50

        Rejection rejection =
                rejection(new RoutingDocumentParser(ParserSettings.defaults().withMaxNestingDepth(50)), odt);
        String parsed = new RoutingDocumentParser().parse(odt, "nested.odt").text();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail())
                .isEqualTo("the ODT file is a nesting bomb: its content nests more than 50"
                        + " levels deep, the limit (VERITY_PARSE_MAX_NESTING_DEPTH)");
        assertThat(parsed).isEqualTo("Deep.");
    }

    @Test
    void rejectsXmlNestedDeeperThanTheJdkAllows() throws Exception {
        Path odt = nestedLists(dir.resolve("deeper.odt"), 60); // 120 elements deep in content.xml

        Rejection rejection =
                rejection(new RoutingDocumentParser(ParserSettings.defaults().withMaxNestingDepth(1_000)), odt);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail())
                .isEqualTo("the ODT file exceeds a limit of the JDK's XML parser: The element"
                        + " \"text:list-item\" has a depth of \"101\" that exceeds the limit \"100\" set by"
                        + " \"jdk.xml.maxElementDepth\" (this limit is fixed)");
    }

    private static Path nestedLists(Path file, int lists) {
        String open = "<text:list><text:list-item>".repeat(lists);
        String close = "</text:list-item></text:list>".repeat(lists);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("mimetype", "application/vnd.oasis.opendocument.text");
        entries.put(
                "content.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
                        + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body>"
                        + "<office:text>" + open + "<text:p>Deep.</text:p>" + close + "</office:text></office:body>"
                        + "</office:document-content>");
        return SampleFiles.zip(file, entries);
    }

    @Test
    void checksTheDeclaredSizeOfAnImageAgainstItsOwnLimit() throws Exception {
        Path png = SampleFiles.png(dir.resolve("small.png")); // 16 x 16

        Rejection tooMany =
                rejection(new RoutingDocumentParser(ParserSettings.defaults().withMaxImagePixels(100)), png);
        Rejection allowed = rejection(
                new RoutingDocumentParser(
                        ParserSettings.defaults().withOcr(OcrSettings.defaults().withMode(OcrMode.OFF))),
                png);

        assertThat(tooMany.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(tooMany.detail())
                .isEqualTo("the image declares 16 x 16 pixels (256), more than the limit of 100"
                        + " pixels (VERITY_PARSE_MAX_IMAGE_PIXELS)");
        assertThat(allowed.reason()).isEqualTo(RejectionReason.NO_TEXT); // within the limit: on to OCR, which is off
    }

    @Test
    void rejectsAZipBombWithTheRatioThatRaisesTheLimit() throws Exception {
        Path bomb = HostileFiles.zipBombXlsx(dir.resolve("bomb.xlsx"), 64L << 20);

        Rejection rejection = rejection(new RoutingDocumentParser(), bomb);

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
        assertThat(rejection.detail())
                .isEqualTo(
                        "the XLSX workbook is a zip bomb: entry xl/worksheets/sheet1.xml"
                                + " expands more than 100 times its compressed size, the limit (VERITY_PARSE_MAX_EXPANSION_RATIO)");
    }

    private static Rejection rejection(RoutingDocumentParser parser, Path file) {
        DocumentRejectedException e = catchThrowableOfType(
                DocumentRejectedException.class,
                () -> parser.parse(file, file.getFileName().toString()));
        assertThat(e).as("a rejection of " + file.getFileName()).isNotNull();
        return e.rejection();
    }
}
