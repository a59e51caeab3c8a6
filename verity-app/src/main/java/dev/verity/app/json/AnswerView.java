package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.Generation;
import dev.verity.query.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * The answer object on the wire, identical for {@code verity ask --json} and {@code POST /v1/query}:
 * {@code {"answer", "abstained", "confidence", "citations", "generator", "degraded", "degraded_reason", "model",
 * "prompt", "route", "usage", "cached", "trace_id", "timings_ms", "partially_embedded"}}. {@code partially_embedded}
 * is true when a cited passage had no vector yet (its file was indexed moments ago and is found by keyword only). {@code model} and {@code prompt} are null for
 * extractive answers; {@code degraded_reason} is null unless {@code degraded}; {@code route} is null unless routing by
 * difficulty is configured; {@code prompt.arm} is null unless a prompt A/B test runs.
 */
public record AnswerView(
        String answer,
        boolean abstained,
        double confidence,
        List<CitationView> citations,
        String generator,
        boolean degraded,
        @JsonProperty("degraded_reason") String degradedReason,
        String model,
        PromptView prompt,
        RouteView route,
        UsageView usage,
        boolean cached,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("timings_ms") Map<String, Long> timingsMs,
        @JsonProperty("partially_embedded") boolean partiallyEmbedded) {

    /** The prompt that produced an LLM answer, and its A/B arm ({@code control}, {@code candidate}) if one runs. */
    public record PromptView(String id, int version, String arm) {}

    /** Where the question was routed by difficulty ({@code easy}, {@code hard}), its score and why. */
    public record RouteView(String tier, double score, List<String> signals) {}

    /** Tokens and cost of every model call made for the answer. */
    public record UsageView(
            @JsonProperty("input_tokens") int inputTokens,
            @JsonProperty("output_tokens") int outputTokens,
            @JsonProperty("cost_usd") double costUsd) {}

    /**
     * One cited passage. {@code page} is 1-based, or null when the format has no pages; {@code quote} is an exact
     * substring of the chunk {@code chunk_id}; {@code ocr_confidence} (0–100) is null unless the passage was read
     * by OCR; {@code passage} says what the passage is when it is not the document's running text ("comment by Ana
     * Berg", "speaker notes", "PDF annotation"…) and is null for body text; {@code vector} is false when the passage
     * had no vector yet (found by keyword only).
     */
    public record CitationView(
            String source,
            Integer page,
            String section,
            String quote,
            @JsonProperty("chunk_id") String chunkId,
            @JsonProperty("document_id") String documentId,
            double score,
            @JsonProperty("ocr_confidence") Double ocrConfidence,
            String passage,
            boolean vector) {

        static CitationView of(Citation c, boolean vector) {
            return new CitationView(
                    c.source(),
                    c.page() == 0 ? null : c.page(),
                    c.section(),
                    c.quote(),
                    c.chunkId(),
                    c.documentId(),
                    c.score(),
                    c.ocrConfidence().isPresent() ? Math.round(c.ocrConfidence().getAsDouble() * 10) / 10.0 : null,
                    c.passage().isEmpty() ? null : c.passage(),
                    vector);
        }
    }

    public static AnswerView of(QueryResult result) {
        Answer answer = result.answer();
        Generation g = answer.generation();
        return new AnswerView(
                answer.text(),
                answer.abstained(),
                Math.round(answer.confidence() * 1000) / 1000.0,
                answer.citations().stream()
                        .map(c ->
                                CitationView.of(c, !result.citedWithoutVectors().contains(c.chunkId())))
                        .toList(),
                g.generator(),
                g.degraded(),
                g.degradedReason().orElse(null),
                g.model().orElse(null),
                g.prompt()
                        .map(p -> new PromptView(p.id(), p.version(), p.arm().orElse(null)))
                        .orElse(null),
                g.route()
                        .map(r -> new RouteView(r.tier().code(), r.score(), r.signals()))
                        .orElse(null),
                new UsageView(g.usage().inputTokens(), g.usage().outputTokens(), g.costUsd()),
                result.cached(),
                result.traceId(),
                result.timingsMs(),
                result.partiallyEmbedded());
    }
}
