package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.ParseQuality;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCR through the real {@code tesseract} program (Debian tesseract-ocr, -eng, -deu) on generated scans. */
class OcrIT {
    private static final String INVOICE = "The invoice number is 4711 and it must be paid within thirty days.";
    private static final String HOLIDAY = "Staff receive twenty five days of paid holiday every year.";
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void readsAScannedPdfWithoutATextLayerByOcr() throws Exception {
        Path pdf = SampleFiles.scannedPdf(dir.resolve("scan.pdf"), List.of(INVOICE), Set.of(1));

        ParsedDocument doc = PARSER.parse(pdf, "scan.pdf");

        assertThat(doc.text()).contains(INVOICE);
        assertThat(doc.pageCount()).isEqualTo(1);
        ParseQuality quality = doc.quality();
        assertThat(quality.ocr()).extracting(ParseQuality.OcrPage::page).containsExactly(1);
        assertThat(quality.ocrShare()).isEqualTo(1.0);
        assertThat(quality.meanOcrConfidence().orElseThrow()).isGreaterThan(80);
        assertThat(quality.pagesWithoutText()).isEmpty();
        assertThat(quality.warnings()).isEmpty();
    }

    @Test
    void ocrsOnlyThePageOfAMixedPdfThatHasNoTextLayer() throws Exception {
        Path pdf = SampleFiles.scannedPdf(
                dir.resolve("mixed.pdf"),
                List.of(
                        "Chapter one is typed text with a proper text layer.",
                        INVOICE,
                        "Chapter three is typed text as well, with its own layer."),
                Set.of(2));

        ParsedDocument doc = PARSER.parse(pdf, "mixed.pdf");

        assertThat(doc.quality().ocr()).extracting(ParseQuality.OcrPage::page).containsExactly(2);
        assertThat(doc.quality().ocrShare()).isEqualTo(1 / 3.0);
        assertThat(doc.text())
                .contains(
                        "Chapter one is typed text with a proper text layer.",
                        INVOICE,
                        "Chapter three is typed text as well, with its own layer.");
        assertThat(Blocks.containing(doc, INVOICE).page()).isEqualTo(2);
        assertThat(Blocks.containing(doc, "Chapter three").page()).isEqualTo(3);
    }

    @Test
    void forceModeOcrsEveryPageEvenWithATextLayer() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("typed.pdf"), HOLIDAY, INVOICE);
        RoutingDocumentParser forced = withOcr(OcrSettings.defaults().withMode(OcrMode.FORCE));

        ParsedDocument doc = forced.parse(pdf, "typed.pdf");

        assertThat(doc.quality().ocr()).extracting(ParseQuality.OcrPage::page).containsExactly(1, 2);
        assertThat(doc.text()).contains(HOLIDAY, INVOICE);
    }

    @Test
    void offModeLeavesAScanWithoutTextAndRejectsImages() throws Exception {
        RoutingDocumentParser off = withOcr(OcrSettings.defaults().withMode(OcrMode.OFF));
        Path pdf = SampleFiles.scannedPdf(dir.resolve("scan.pdf"), List.of(INVOICE), Set.of(1));
        Path png = SampleFiles.scanImage(dir.resolve("scan.png"), "png", 300, INVOICE);

        assertThat(off.parse(pdf, "scan.pdf").isBlank()).isTrue();
        assertThat(off.parse(pdf, "scan.pdf").quality().pagesWithoutText()).containsExactly(1);
        assertThatThrownBy(() -> off.parse(png, "scan.png"))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(RejectionReason.NO_TEXT);
                    assertThat(e.rejection().detail()).isEqualTo("the PNG image has no text layer and OCR is off");
                });
        assertThat(RejectionReason.NO_TEXT.advice()).contains("VERITY_OCR=auto", "--ocr auto");
    }

    @Test
    void readsPngJpegAndEveryFrameOfAMultiPageTiff() throws Exception {
        Path png = SampleFiles.scanImage(dir.resolve("note.png"), "png", 300, INVOICE);
        Path jpeg = SampleFiles.scanImage(dir.resolve("note.jpg"), "jpeg", 300, HOLIDAY);
        Path tiff = SampleFiles.scanImage(dir.resolve("fax.tiff"), "tiff", 200, HOLIDAY, INVOICE);

        ParsedDocument fromPng = PARSER.parse(png, "note.png");
        ParsedDocument fromJpeg = PARSER.parse(jpeg, "note.jpg");
        ParsedDocument fromTiff = PARSER.parse(tiff, "fax.tiff");

        assertThat(fromPng.text()).contains(INVOICE);
        assertThat(fromPng.mediaType()).isEqualTo("image/png");
        assertThat(fromJpeg.text()).contains(HOLIDAY);
        assertThat(fromTiff.pageCount()).isEqualTo(2);
        assertThat(Blocks.containing(fromTiff, HOLIDAY).page()).isEqualTo(1);
        assertThat(Blocks.containing(fromTiff, INVOICE).page()).isEqualTo(2);
        assertThat(fromTiff.quality().ocr())
                .extracting(ParseQuality.OcrPage::page)
                .containsExactly(1, 2);
    }

    @Test
    void readsBmpGifAndWebpImages() throws Exception {
        Path bmp = SampleFiles.scanImage(dir.resolve("note.bmp"), "bmp", 300, INVOICE);
        Path gif = SampleFiles.scanImage(dir.resolve("note.gif"), "gif", 300, HOLIDAY);

        assertThat(PARSER.detect(bmp, "note.bmp")).isEqualTo("image/bmp");
        assertThat(PARSER.parse(bmp, "note.bmp").text()).contains(INVOICE);
        assertThat(PARSER.detect(gif, "note.gif")).isEqualTo("image/gif");
        assertThat(PARSER.parse(gif, "note.gif").text()).contains(HOLIDAY);

        // the JDK writes no WebP: ffmpeg does, where it is installed
        Path webp = dir.resolve("note.webp");
        Path png = SampleFiles.scanImage(dir.resolve("source.png"), "png", 300, INVOICE);
        int exit;
        try {
            exit = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-i", png.toString(), webp.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (java.io.IOException noFfmpeg) {
            exit = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(exit == 0, "ffmpeg cannot write WebP here");
        assertThat(PARSER.detect(webp, "note.webp")).isEqualTo("image/webp");
        ParsedDocument fromWebp = PARSER.parse(webp, "note.webp");
        assertThat(fromWebp.text()).contains(INVOICE);
        assertThat(fromWebp.pageCount()).isEqualTo(1);
    }

    @Test
    void rejectsAScanWhenALanguagePackIsMissingAndNamesTheDebianPackage() {
        RoutingDocumentParser klingon = withOcr(OcrSettings.defaults().withLanguages("eng+tlh_x"));
        Path pdf = SampleFiles.scannedPdf(dir.resolve("scan.pdf"), List.of(INVOICE), Set.of(1));

        assertThat(klingon.ocrProblem())
                .get()
                .asString()
                .startsWith("Tesseract has no language pack for tlh_x (installed: ")
                .endsWith("): install the Debian package tesseract-ocr-tlh-x or choose other OCR languages");
        assertThatThrownBy(() -> klingon.parse(pdf, "scan.pdf"))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(RejectionReason.NO_TEXT);
                    assertThat(e.rejection().detail())
                            .startsWith("the PDF has no text layer and tesseract has no" + " language pack for tlh_x");
                });
    }

    @Test
    void rejectsAScanWhenTheTesseractProgramIsMissing() {
        RoutingDocumentParser missing = withOcr(OcrSettings.defaults().withCommand("/nonexistent/tesseract"));
        Path png = SampleFiles.scanImage(dir.resolve("scan.png"), "png", 300, INVOICE);

        assertThatThrownBy(() -> missing.parse(png, "scan.png"))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().detail())
                                .isEqualTo(
                                        "the PNG image has no text layer and OCR needs the tesseract program, which was not"
                                                + " found (tried \"/nonexistent/tesseract\"): install the Debian package tesseract-ocr"
                                                + " and the language packs tesseract-ocr-eng tesseract-ocr-deu"));
    }

    @Test
    void leavesAPageThatTimesOutWithoutTextAndSaysSo() throws Exception {
        RoutingDocumentParser hasty = withOcr(OcrSettings.defaults().withPageTimeout(java.time.Duration.ofMillis(1)));
        Path pdf = SampleFiles.scannedPdf(
                dir.resolve("mixed.pdf"), List.of("Typed text on the first page of this report.", INVOICE), Set.of(2));
        Path png = SampleFiles.scanImage(dir.resolve("scan.png"), "png", 300, INVOICE);

        ParsedDocument doc = hasty.parse(pdf, "mixed.pdf");

        assertThat(doc.text()).contains("Typed text on the first page").doesNotContain("4711");
        assertThat(doc.quality().pagesWithoutText()).containsExactly(2);
        assertThat(doc.quality().warnings()).containsExactly("page 2: OCR timed out after 1 ms");
        assertThatThrownBy(() -> hasty.parse(png, "scan.png"))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().detail())
                                .isEqualTo("OCR found no text in the PNG image (OCR timed out after 1 ms)"));
    }

    private static RoutingDocumentParser withOcr(OcrSettings ocr) {
        return new RoutingDocumentParser(ParserSettings.defaults().withOcr(ocr));
    }
}
