package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.RunDetail;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One kept answer run on the wire, identical for {@code verity runs show --json}, {@code verity runs export} (one per
 * line) and {@code GET /v1/runs/{trace_id}}: who asked what (the question scrubbed of personal data), with which
 * filters, what was retrieved and how each leg ranked it, route, model attempts, guard verdicts, the answer and its
 * citations, tokens, cost, timings and the caller's feedback. {@code model}, {@code prompt}, {@code degraded_reason},
 * {@code refused_by}, {@code route} and {@code feedback} are null when they do not apply.
 */
public record RunView(
        @JsonProperty("trace_id") String traceId,
        String at,
        String tenant,
        String actor,
        String collection,
        List<String> principals,
        String question,
        String outcome,
        String answer,
        boolean abstained,
        boolean cached,
        String generator,
        @Nullable String model,
        @Nullable String prompt,
        @JsonProperty("degraded_reason") @Nullable String degradedReason,
        @JsonProperty("refused_by") @Nullable String refusedBy,
        List<CitedView> citations,
        UsageView usage,
        @JsonProperty("timings_ms") Map<String, Long> timingsMs,
        FiltersView filters,
        List<EvidenceView> evidence,
        @Nullable RouteView route,
        List<AttemptView> attempts,
        List<GuardView> guards,
        @Nullable FeedbackView feedback) {

    public record CitedView(
            @JsonProperty("document_id") String documentId,
            @JsonProperty("chunk_id") String chunkId) {}

    public record UsageView(
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cost_usd") double costUsd) {}

    public record FiltersView(
            List<String> sources,
            @JsonProperty("media_types") List<String> mediaTypes,
            List<String> languages,
            @JsonProperty("ingested_from") @Nullable String ingestedFrom,
            @JsonProperty("ingested_to") @Nullable String ingestedTo) {}

    /** A retrieved chunk: its fused score and, per leg ({@code keyword}, {@code vector}), its rank and score. */
    public record EvidenceView(
            @JsonProperty("chunk_id") String chunkId,
            @JsonProperty("document_id") String documentId,
            double score,
            Map<String, LegView> legs) {}

    public record LegView(int rank, double score) {}

    public record RouteView(String tier, double score, List<String> signals) {}

    public record AttemptView(
            int attempt,
            String provider,
            String model,
            String result,
            long ms,
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens) {}

    public record GuardView(String step, String guard, String action, List<String> labels) {}

    public static RunView of(AnswerRun r) {
        RunDetail d = r.detail();
        RunDetail.Filters f = d.filters();
        return new RunView(
                r.runId(),
                r.at().toString(),
                r.tenant(),
                r.actor(),
                r.collection(),
                r.principals(),
                r.question(),
                r.outcome(),
                r.answer(),
                r.abstained(),
                r.cached(),
                r.generator(),
                r.model().orElse(null),
                r.prompt().orElse(null),
                r.degradedReason().orElse(null),
                r.refusedBy().orElse(null),
                r.citations().stream()
                        .map(c -> new CitedView(c.documentId(), c.chunkId()))
                        .toList(),
                new UsageView(r.inputTokens(), r.outputTokens(), r.costUsd()),
                r.timingsMs(),
                new FiltersView(
                        f.sources(),
                        f.mediaTypes(),
                        f.languages(),
                        f.ingestedFrom().map(Object::toString).orElse(null),
                        f.ingestedTo().map(Object::toString).orElse(null)),
                d.evidence().stream()
                        .map(e -> {
                            Map<String, LegView> legs = new LinkedHashMap<>();
                            e.legs().entrySet().stream()
                                    .sorted(Map.Entry.comparingByKey())
                                    .forEach(l -> legs.put(
                                            l.getKey(),
                                            new LegView(
                                                    l.getValue().rank(),
                                                    l.getValue().score())));
                            return new EvidenceView(e.chunkId(), e.documentId(), e.score(), legs);
                        })
                        .toList(),
                d.route()
                        .map(t -> new RouteView(t.tier(), t.score(), t.signals()))
                        .orElse(null),
                d.attempts().stream()
                        .map(a -> new AttemptView(
                                a.attempt(),
                                a.provider(),
                                a.model(),
                                a.result(),
                                a.ms(),
                                a.inputTokens(),
                                a.outputTokens()))
                        .toList(),
                d.guards().stream()
                        .map(g -> new GuardView(g.step(), g.guard(), g.action(), g.labels()))
                        .toList(),
                r.feedback().map(FeedbackView::of).orElse(null));
    }
}
