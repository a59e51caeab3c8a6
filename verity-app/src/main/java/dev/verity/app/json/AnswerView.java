package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.query.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * The answer object on the wire: {@code {"answer", "abstained", "confidence", "citations", "trace_id",
 * "timings_ms"}}, identical for {@code verity ask --json} and {@code POST /v1/query}.
 */
public record AnswerView(
        String answer,
        boolean abstained,
        double confidence,
        List<CitationView> citations,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("timings_ms") Map<String, Long> timingsMs) {

    /**
     * One cited passage. {@code page} is 1-based, or null when the format has no pages; {@code quote} is an exact
     * substring of the chunk {@code chunk_id}.
     */
    public record CitationView(
            String source,
            Integer page,
            String section,
            String quote,
            @JsonProperty("chunk_id") String chunkId,
            @JsonProperty("document_id") String documentId,
            double score) {

        static CitationView of(Citation c) {
            return new CitationView(c.source(), c.page() == 0 ? null : c.page(), c.section(), c.quote(), c.chunkId(),
                    c.documentId(), c.score());
        }
    }

    public static AnswerView of(QueryResult result) {
        Answer answer = result.answer();
        return new AnswerView(
                answer.text(),
                answer.abstained(),
                Math.round(answer.confidence() * 1000) / 1000.0,
                answer.citations().stream().map(CitationView::of).toList(),
                result.traceId(),
                result.timingsMs());
    }
}
