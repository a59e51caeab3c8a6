package dev.verity.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParseQualityTest {
    @Test
    void measuresPagesTablesAndCharactersFromTheBlocks() {
        ParsedDocument doc = new DocumentBuilder("Report", "application/pdf", DocumentKind.PROSE)
                .pageCount(4)
                .page(1)
                .paragraph("Twelve chars")
                .page(2)
                .table("", List.of("Region", "Units"), List.of(List.of("EMEA", "12"), List.of("APAC", "")))
                .page(4)
                .paragraph("abc")
                .build();

        ParseQuality q = doc.quality();

        assertThat(q.pages()).isEqualTo(4);
        assertThat(q.pagesWithoutText()).containsExactly(3);
        assertThat(q.tables()).isEqualTo(1);
        assertThat(q.tableRows()).isEqualTo(2);
        assertThat(q.tableCells()).isEqualTo(4);
        assertThat(q.emptyCells()).isEqualTo(1);
        // per page: 12, "Region | Units\nEMEA | 12\nAPAC | " = 32, 0, 3 → sorted 0, 3, 12, 32: min 0, lower median 3
        assertThat(q.minCharsPerPage()).isZero();
        assertThat(q.medianCharsPerPage()).isEqualTo(3);
        assertThat(q.chars()).isEqualTo(12 + 32 + 3);
        assertThat(q.ocr()).isEmpty();
        assertThat(q.meanOcrConfidence()).isEmpty();
    }

    @Test
    void weighsOcrConfidenceByWordsAndWarnsAboutWeakPages() {
        ParsedDocument doc = new DocumentBuilder("Scan", "application/pdf", DocumentKind.PROSE)
                .page(1)
                .paragraph("Clear text")
                .ocrPage(1, 93.4, 40)
                .page(2)
                .paragraph("Smudged text")
                .ocrPage(2, 41.2, 10)
                .page(3)
                .paragraph("Typed text")
                .warning("page 3: table rows merged")
                .build();

        ParseQuality q = doc.quality();

        assertThat(q.warnings()).containsExactly("page 3: table rows merged", "page 2: OCR confidence 41%");
        // (93.4 × 40 + 41.2 × 10) / 50 words = 82.96
        assertThat(q.meanOcrConfidence().orElseThrow()).isCloseTo(82.96, within(1e-9));
        assertThat(q.ocrShare()).isEqualTo(2 / 3.0);
        assertThat(q.ocrConfidence(2, 3).orElseThrow()).isEqualTo(41.2);
        assertThat(q.ocrConfidence(1, 2).orElseThrow()).isEqualTo(41.2);
        assertThat(q.ocrConfidence(3, 3)).isEmpty();
    }

    @Test
    void refusesAConfidenceOutsideZeroToHundred() {
        assertThatThrownBy(() -> new ParseQuality.OcrPage(1, 101, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in 0..100, got 101.0");
    }
}
