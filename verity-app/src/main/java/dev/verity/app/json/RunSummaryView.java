package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.runs.AnswerRun;
import org.jspecify.annotations.Nullable;

/**
 * One run in a list, as {@code verity runs list --json} and {@code GET /v1/runs} show it: enough to pick the run to
 * look at ({@code GET /v1/runs/{trace_id}} for the rest). {@code model} and {@code rating} are null when absent.
 */
public record RunSummaryView(
        @JsonProperty("trace_id") String traceId,
        String at,
        String actor,
        String collection,
        String question,
        String outcome,
        String generator,
        @Nullable String model,
        @JsonProperty("cost_usd") double costUsd,
        @JsonProperty("total_ms") long totalMs,
        @Nullable String rating) {

    public static RunSummaryView of(AnswerRun r) {
        return new RunSummaryView(
                r.runId(),
                r.at().toString(),
                r.actor(),
                r.collection(),
                r.question(),
                r.outcome(),
                r.generator(),
                r.model().orElse(null),
                r.costUsd(),
                r.timingsMs().getOrDefault("total", 0L),
                r.feedback().map(f -> f.rating().code()).orElse(null));
    }
}
