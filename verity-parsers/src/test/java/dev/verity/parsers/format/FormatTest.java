package dev.verity.parsers.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.DocumentKind;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which format reads a detected type, and what a rejection names when none does. */
class FormatTest {
    private static final MediaTypeRegistry REGISTRY =
            MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

    @Test
    void readsASpecializationOfASupportedTypeAsItsParent() {
        assertThat(Format.of(MediaType.parse("application/illustrator"), REGISTRY))
                .contains(Format.PDF);
        assertThat(Format.of(MediaType.parse("application/x-ibooks+zip"), REGISTRY))
                .contains(Format.EPUB);
        assertThat(Format.of(MediaType.parse("application/x-sh"), REGISTRY)).contains(Format.TEXT);
        assertThat(Format.of(MediaType.parse("application/xml"), REGISTRY)).contains(Format.TEXT);
    }

    @Test
    void readsIsaTabFilesAsText() {
        assertThat(Format.of(MediaType.parse("application/x-isatab"), REGISTRY)).contains(Format.TEXT);
        assertThat(Format.of(MediaType.parse("application/x-isatab-assay"), REGISTRY))
                .contains(Format.TEXT);
    }

    @Test
    void namesTheNearestSupportedRelativeOfAnUnsupportedType() {
        MediaType excelAddIn = MediaType.parse("application/vnd.ms-excel.addin.macroenabled.12");

        assertThat(Format.of(excelAddIn, REGISTRY)).isEmpty();
        assertThat(Format.nearestRelative(excelAddIn, REGISTRY))
                .hasValueSatisfying(
                        r -> assertThat(r).startsWith("a kind of application/x-tika-ooxml, like the supported "));
    }

    @Test
    void neverReadsAStillImageAsVideoThoughTikaDeclaresHeifAKindOfQuickTime() {
        MediaType heic = MediaType.parse("image/heic");

        assertThat(Format.of(heic, REGISTRY)).isEmpty();
        assertThat(Format.nearestRelative(heic, REGISTRY)).isEmpty();
    }

    /** The types Tika detects for these formats (its magic and globs), and the shape each is read into. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "application/vnd.visio, VSD, PROSE, TIKA",
        "application/vnd.ms-visio.drawing, VSDX, PROSE, TIKA",
        "application/vnd.ms-visio.template, VSDX, PROSE, TIKA",
        "application/vnd.ms-visio.drawing.macroEnabled.12, VSDX, PROSE, TIKA",
        "application/x-mspublisher, PUBLISHER, PROSE, TIKA",
        "application/vnd.wordperfect; version=6.x, WORDPERFECT, PROSE, TIKA",
        "application/vnd.wordperfect; version=5.1, WORDPERFECT, PROSE, TIKA",
        "application/vnd.apple.pages, PAGES, PROSE, TIKA",
        "application/vnd.apple.keynote, KEYNOTE, SLIDES, TIKA",
        "application/vnd.apple.numbers, NUMBERS, TABLES, TIKA",
        "application/onenote; format=one, ONENOTE, PROSE, TIKA",
        "application/vnd.ms-htmlhelp, CHM, PROSE, TIKA",
        "application/vnd.ms-outlook-pst, PST, EMAIL, PST",
        "application/vnd.ms-excel.sheet.binary.macroEnabled.12, XLSX, TABLES, TIKA",
        "application/vnd.ms-excel.sheet.4, OLD_XLS, TABLES, TIKA",
        "application/vnd.ms-excel.workspace.3, OLD_XLS, TABLES, TIKA",
        "application/vnd.ms-excel.sheet.2, OLD_XLS, TABLES, TIKA",
    })
    void readsEveryDocumentFormatOfTikasStandardParsers(
            String detected, Format format, DocumentKind kind, Format.Reader reader) {
        MediaType type = MediaType.parse(detected);

        assertThat(Format.of(type, REGISTRY)).contains(format);
        assertThat(format.kind()).isEqualTo(kind);
        assertThat(format.reader()).isEqualTo(reader);
    }

    @Test
    void explainsWhyIworkSince2013AndHeicAreNotReadAndWhatToDoInstead() {
        assertThat(Format.unreadableBecause(MediaType.parse("application/vnd.apple.numbers.13")))
                .hasValueSatisfying(r -> assertThat(r).contains("export the file as PDF, Word, PowerPoint or Excel"));
        assertThat(Format.unreadableBecause(MediaType.parse("image/heif")))
                .hasValueSatisfying(r -> assertThat(r).contains("convert the image to JPEG or PNG"));
        assertThat(Format.unreadableBecause(MediaType.parse("application/zip"))).isEmpty();
    }

    @Test
    void namesNoRelativeWhenOnlyOctetStreamIsShared() {
        assertThat(Format.nearestRelative(MediaType.parse("application/zip"), REGISTRY))
                .isEmpty();
        assertThat(Format.nearestRelative(MediaType.OCTET_STREAM, REGISTRY)).isEmpty();
    }
}
