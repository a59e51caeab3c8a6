package dev.verity.parsers.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;

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

    @Test
    void namesNoRelativeWhenOnlyOctetStreamIsShared() {
        assertThat(Format.nearestRelative(MediaType.parse("application/zip"), REGISTRY))
                .isEmpty();
        assertThat(Format.nearestRelative(MediaType.OCTET_STREAM, REGISTRY)).isEmpty();
    }
}
