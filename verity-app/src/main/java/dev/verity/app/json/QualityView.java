package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.document.ParseQuality;
import java.util.List;

/**
 * A document's parse-quality report on the wire ({@code verity docs --json}, {@code verity inspect --json}, the
 * documents API): {@code ocr_share} is 0–1 (three decimals), confidences are 0–100 rounded to one decimal,
 * {@code mean_ocr_confidence} is null when no page was OCR'd.
 */
public record QualityView(
        int pages,
        @JsonProperty("pages_without_text") List<Integer> pagesWithoutText,
        @JsonProperty("ocr_pages") int ocrPages,
        @JsonProperty("ocr_share") double ocrShare,
        @JsonProperty("mean_ocr_confidence") Double meanOcrConfidence,
        List<OcrPageView> ocr,
        int tables,
        @JsonProperty("table_rows") int tableRows,
        @JsonProperty("table_cells") int tableCells,
        @JsonProperty("empty_cells") int emptyCells,
        long chars,
        @JsonProperty("min_chars_per_page") int minCharsPerPage,
        @JsonProperty("median_chars_per_page") int medianCharsPerPage,
        List<String> warnings) {

    /** One OCR'd page: its number, mean word confidence and word count. */
    public record OcrPageView(int page, double confidence, int words) {}

    public static QualityView of(ParseQuality q) {
        return new QualityView(
                q.pages(),
                q.pagesWithoutText(),
                q.ocrPages(),
                Math.round(q.ocrShare() * 1000) / 1000.0,
                q.meanOcrConfidence().isPresent() ? round(q.meanOcrConfidence().getAsDouble()) : null,
                q.ocr().stream()
                        .map(p -> new OcrPageView(p.page(), round(p.confidence()), p.words()))
                        .toList(),
                q.tables(),
                q.tableRows(),
                q.tableCells(),
                q.emptyCells(),
                q.chars(),
                q.minCharsPerPage(),
                q.medianCharsPerPage(),
                q.warnings());
    }

    /** One decimal. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
