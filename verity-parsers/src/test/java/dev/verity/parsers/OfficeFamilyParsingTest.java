package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.Element;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import dev.verity.testkit.files.Slide;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Office formats beyond DOCX, PPTX and XLSX: legacy binary files and the macro-enabled and template variants of
 * OOXML, each read as a document of its family's kind.
 */
class OfficeFamilyParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    /** Public example documents kept beside the repository; tests that need them are skipped where they are absent. */
    private static final Path DOCS_DEV = Path.of("../../shared/data/docs-dev/files");

    private static final String WORD =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String SLIDES =
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    private static final String SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "memo.docm, application/vnd.ms-word.document.macroEnabled.main+xml,"
                + " application/vnd.ms-word.document.macroenabled.12",
        "memo.dotx, application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml,"
                + " application/vnd.openxmlformats-officedocument.wordprocessingml.template",
        "memo.dotm, application/vnd.ms-word.template.macroEnabledTemplate.main+xml,"
                + " application/vnd.ms-word.template.macroenabled.12",
    })
    void readsMacroEnabledAndTemplateWordFilesAsProse(String name, String mainPart, String detected) throws Exception {
        Path file = SampleFiles.docx(
                dir.resolve("plain.docx"), "Memo", List.of(Element.paragraph("The boiler is serviced in March.")));
        Path variant = variant(file, name, WORD, mainPart);

        assertThat(PARSER.detect(variant, name)).isEqualTo(detected);
        ParsedDocument doc = PARSER.parse(variant, name);
        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(Blocks.paragraphs(doc)).contains("The boiler is serviced in March.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "deck.pptm, application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml,"
                + " application/vnd.ms-powerpoint.presentation.macroenabled.12",
        "deck.ppsx, application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml,"
                + " application/vnd.openxmlformats-officedocument.presentationml.slideshow",
        "deck.potx, application/vnd.openxmlformats-officedocument.presentationml.template.main+xml,"
                + " application/vnd.openxmlformats-officedocument.presentationml.template",
    })
    void readsMacroEnabledShowAndTemplatePresentationsAsSlides(String name, String mainPart, String detected)
            throws Exception {
        Path file = SampleFiles.pptx(
                dir.resolve("plain.pptx"), "Deck", List.of(Slide.of("Roadmap", "Ship the parser in May")));
        Path variant = variant(file, name, SLIDES, mainPart);

        assertThat(PARSER.detect(variant, name)).isEqualTo(detected);
        ParsedDocument doc = PARSER.parse(variant, name);
        assertThat(doc.kind()).isEqualTo(DocumentKind.SLIDES);
        assertThat(text(doc)).contains("Roadmap", "Ship the parser in May");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "book.xlsm, application/vnd.ms-excel.sheet.macroEnabled.main+xml,"
                + " application/vnd.ms-excel.sheet.macroenabled.12",
        "book.xltx, application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml,"
                + " application/vnd.openxmlformats-officedocument.spreadsheetml.template",
    })
    void readsMacroEnabledAndTemplateWorkbooksAsTables(String name, String mainPart, String detected) throws Exception {
        Path file = SampleFiles.xlsx(
                dir.resolve("plain.xlsx"), Sheet.of("Plans", List.of("Plan", "Price"), List.of("Team", "$20")));
        Path variant = variant(file, name, SHEET, mainPart);

        assertThat(PARSER.detect(variant, name)).isEqualTo(detected);
        ParsedDocument doc = PARSER.parse(variant, name);
        assertThat(doc.kind()).isEqualTo(DocumentKind.TABLES);
        assertThat(Blocks.rowLines(Blocks.tables(doc).getFirst())).containsExactly("Team | $20");
    }

    @Test
    void readsTheTextOfEverySlideOfALegacyPresentation() throws Exception {
        Path file = dir.resolve("deck.ppt");
        try (HSLFSlideShow show = new HSLFSlideShow();
                OutputStream out = Files.newOutputStream(file)) {
            for (String text : List.of("Quarterly results rose", "Hiring plan for autumn")) {
                HSLFSlide slide = show.createSlide();
                HSLFTextBox box = slide.createTextBox();
                box.setText(text);
                box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            }
            show.write(out);
        }

        assertThat(PARSER.detect(file, "deck.ppt")).isEqualTo("application/vnd.ms-powerpoint");
        ParsedDocument doc = PARSER.parse(file, "deck.ppt");
        assertThat(doc.kind()).isEqualTo(DocumentKind.SLIDES);
        assertThat(text(doc)).contains("Quarterly results rose", "Hiring plan for autumn");
    }

    @Test
    void readsALegacyWordDocument() throws Exception {
        Path file = DOCS_DEV.resolve("simple.doc");
        Assumptions.assumeTrue(Files.exists(file), "docs-dev is not beside the repository");

        assertThat(PARSER.detect(file, "simple.doc")).isEqualTo("application/msword");
        ParsedDocument doc = PARSER.parse(file, "simple.doc");
        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(text(doc)).isNotBlank();
    }

    @Test
    void readsAnOutlookMessageAsAnEmail() throws Exception {
        Path file = DOCS_DEV.resolve("fake-email.msg");
        Assumptions.assumeTrue(Files.exists(file), "docs-dev is not beside the repository");

        assertThat(PARSER.detect(file, "fake-email.msg")).isEqualTo("application/vnd.ms-outlook");
        ParsedDocument doc = PARSER.parse(file, "fake-email.msg");
        assertThat(doc.kind()).isEqualTo(DocumentKind.EMAIL);
        assertThat(text(doc)).isNotBlank();
    }

    /** The same package with its main part declared as another member of the family, named accordingly. */
    private Path variant(Path file, String name, String from, String to) throws Exception {
        Path copy = Files.copy(file, dir.resolve(name));
        try (OPCPackage pkg = OPCPackage.open(copy.toString(), PackageAccess.READ_WRITE)) {
            assertThat(pkg.replaceContentType(from, to)).isTrue();
        }
        return copy;
    }

    private static String text(ParsedDocument doc) {
        return String.join("\n", doc.blocks().stream().map(Object::toString).toList());
    }
}
