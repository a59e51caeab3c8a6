package dev.verity.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.document.ParseQuality;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of a {@link ParseQuality}: JSON text in {@code documents.parse_quality}, with snake_case names of
 * its own so that renaming a Java component never breaks rows already written. Unknown fields are ignored, so that a
 * newer version's rows stay readable; a report that cannot be read at all is treated as missing, since it only
 * describes the document and must never keep the catalogue from listing it.
 */
final class ParseQualityJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ParseQualityJson() {}

    record OcrPageJson(int page, double confidence, int words) {}

    record QualityJson(
            int pages,
            @JsonProperty("pages_without_text") List<Integer> pagesWithoutText,
            List<OcrPageJson> ocr,
            int tables,
            @JsonProperty("table_rows") int tableRows,
            @JsonProperty("table_cells") int tableCells,
            @JsonProperty("empty_cells") int emptyCells,
            long chars,
            @JsonProperty("min_chars_per_page") int minCharsPerPage,
            @JsonProperty("median_chars_per_page") int medianCharsPerPage,
            List<String> warnings) {}

    static String write(ParseQuality q) {
        return MAPPER.writeValueAsString(new QualityJson(
                q.pages(),
                q.pagesWithoutText(),
                q.ocr().stream()
                        .map(p -> new OcrPageJson(p.page(), p.confidence(), p.words()))
                        .toList(),
                q.tables(),
                q.tableRows(),
                q.tableCells(),
                q.emptyCells(),
                q.chars(),
                q.minCharsPerPage(),
                q.medianCharsPerPage(),
                q.warnings()));
    }

    static Optional<ParseQuality> read(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            QualityJson q = MAPPER.readValue(json, QualityJson.class);
            return Optional.of(new ParseQuality(
                    q.pages(),
                    orEmpty(q.pagesWithoutText()),
                    orEmpty(q.ocr()).stream()
                            .map(p -> new ParseQuality.OcrPage(p.page(), p.confidence(), p.words()))
                            .toList(),
                    q.tables(),
                    q.tableRows(),
                    q.tableCells(),
                    q.emptyCells(),
                    q.chars(),
                    q.minCharsPerPage(),
                    q.medianCharsPerPage(),
                    orEmpty(q.warnings())));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
