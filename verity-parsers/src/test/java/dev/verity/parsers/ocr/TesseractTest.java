package dev.verity.parsers.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the Tesseract runner: blank pages, TSV parsing, package names. */
class TesseractTest {
    @Test
    void treatsEmptyPaperAsBlankButNotAPageWithOneWord() {
        BufferedImage paper = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = paper.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 2480, 3508);
        g.dispose();
        BufferedImage word = dev.verity.testkit.files.SampleFiles.scanPage("Invoice", 300);

        assertThat(Tesseract.isBlank(paper)).isTrue();
        assertThat(Tesseract.isBlank(word)).isFalse();
    }

    @Test
    void buildsParagraphsFromTsvWordsAndAveragesTheirConfidence() {
        List<String[]> rows = List.of(
                tsv("1", "1", "0", "0", "0", "0", "-1", ""),
                tsv("5", "1", "1", "1", "1", "1", "90", "The"),
                tsv("5", "1", "1", "1", "1", "2", "80", "trans-"),
                tsv("5", "1", "1", "1", "2", "1", "70", "port"),
                tsv("5", "1", "1", "1", "2", "2", "60", "works."),
                tsv("5", "1", "2", "1", "1", "1", "100", "Next"),
                tsv("5", "1", "2", "1", "1", "2", "-1", " "));

        PageText page = Tesseract.parse(rows);

        assertThat(page.paragraphs()).containsExactly("The transport works.", "Next");
        assertThat(page.words()).isEqualTo(5);
        assertThat(page.confidence()).isEqualTo(80.0); // (90 + 80 + 70 + 60 + 100) / 5
    }

    @Test
    void namesTheDebianPackageOfEachLanguage() {
        assertThat(Tesseract.packages(List.of("eng", "chi_sim"))).isEqualTo("tesseract-ocr-eng tesseract-ocr-chi-sim");
    }

    private static String[] tsv(
            String level, String page, String block, String par, String line, String word, String conf, String text) {
        return new String[] {level, page, block, par, line, word, "0", "0", "10", "10", conf, text};
    }
}
