package dev.verity.app.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.json.FeedbackView;
import dev.verity.app.json.RunSummaryView;
import dev.verity.app.json.RunView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunService;
import dev.verity.runs.RunViewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kept answer runs and feedback on them (scope {@code query}): a caller lists and reads the runs of the questions they
 * asked, and rates their own answers; a caller who also holds {@code admin} lists and reads every run of their
 * tenant, with the answer, citations and evidence of a run withheld unless the admin holds every principal the run was
 * asked with (admin rights do not widen which documents one may read). Another caller's run is answered 404 exactly like a run that does not exist, so nobody learns that it does.
 */
@RestController
class RunsController {
    private final RunService runs;

    RunsController(RunService runs) {
        this.runs = runs;
    }

    /** The runs, newest first. */
    record RunsResponse(List<RunSummaryView> runs) {}

    /** The body of {@code POST /v1/feedback}. */
    record FeedbackBody(
            @JsonProperty("trace_id") @Nullable String traceId,

            @Schema(allowableValues = {"up", "down"}) @Nullable
            String rating,

            @Schema(maxLength = Feedback.MAX_COMMENT_CHARS) @Nullable
            String comment) {}

    @GetMapping("/v1/runs")
    @Operation(
            operationId = "listRuns",
            summary = "The caller's answer runs (an admin's: the tenant's), newest first",
            description = "Filters: outcome (answered, abstained, degraded, blocked), rating (up, down), since (an"
                    + " instant or a date); limit 1..1000, default 20.")
    @ApiResponse(responseCode = "400", description = "Invalid filter or limit")
    RunsResponse list(
            @CurrentCaller(Scope.QUERY) Caller caller,
            @RequestParam(value = "limit", defaultValue = "20") int limit,
            @RequestParam(value = "outcome", required = false) @Nullable String outcome,
            @RequestParam(value = "rating", required = false) @Nullable String rating,
            @RequestParam(value = "since", required = false) @Nullable String since) {
        RunQuery query = RunQuery.of(caller.tenant()).limit(limit);
        if (outcome != null) {
            query = query.outcome(outcome.strip().toLowerCase(Locale.ROOT));
        }
        if (rating != null) {
            query = query.rating(Feedback.Rating.parse(rating));
        }
        if (since != null) {
            query = query.since(instant(since, "since"));
        }
        return new RunsResponse(runs.list(viewer(caller), query).stream()
                .map(RunSummaryView::of)
                .toList());
    }

    @GetMapping("/v1/runs/{trace_id}")
    @Operation(operationId = "getRun", summary = "One answer run of the caller (an admin's: of the tenant)")
    @ApiResponse(responseCode = "404", description = "No such run of the caller's: never kept, purged, or another's")
    RunView get(@CurrentCaller(Scope.QUERY) Caller caller, @PathVariable("trace_id") String traceId) {
        return RunView.of(runs.get(viewer(caller), traceId));
    }

    @PostMapping("/v1/feedback")
    @Operation(
            operationId = "giveFeedback",
            summary = "Rate one of the caller's own answers up or down, with an optional comment",
            description =
                    "Rating again replaces the earlier feedback. The comment is stored with personal data" + " masked.")
    @ApiResponse(responseCode = "200", description = "The feedback as stored")
    @ApiResponse(
            responseCode = "400",
            description = "Missing trace_id, a rating other than up or down, or a comment" + " over "
                    + Feedback.MAX_COMMENT_CHARS + " characters")
    @ApiResponse(responseCode = "404", description = "No such run of the caller's: never kept, purged, or another's")
    FeedbackView feedback(@CurrentCaller(Scope.QUERY) Caller caller, @RequestBody FeedbackBody body) {
        if (body.traceId() == null || body.traceId().isBlank()) {
            throw new IllegalArgumentException(
                    "trace_id is required: send the trace_id of the answer you rate, as POST /v1/query returned it");
        }
        if (body.rating() == null) {
            throw new IllegalArgumentException("rating is required: send \"up\" or \"down\"");
        }
        Feedback given = runs.feedback(
                viewer(caller),
                body.traceId().strip(),
                Feedback.Rating.parse(body.rating()),
                Optional.ofNullable(body.comment()));
        return FeedbackView.of(given);
    }

    private static RunViewer viewer(Caller caller) {
        return caller.has(Scope.ADMIN)
                ? RunViewer.admin(caller.tenant(), caller.actor(), caller.principals())
                : RunViewer.caller(caller.tenant(), caller.actor(), caller.principals());
    }

    /** An ISO-8601 instant, or a date meaning its start (UTC). */
    static Instant instant(String value, String name) {
        try {
            return value.contains("T")
                    ? Instant.parse(value.strip())
                    : LocalDate.parse(value.strip())
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a date such as 2026-12-01 or an instant such as 2026-12-01T00:00:00Z, got \""
                            + value + "\"");
        }
    }
}
