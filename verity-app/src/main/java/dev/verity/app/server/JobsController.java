package dev.verity.app.server;

import dev.verity.app.json.BatchView;
import dev.verity.app.json.JobView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.ingestion.jobs.IngestionJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Progress of queued ingestion: batches ({@code b_…}) with their jobs, and single jobs ({@code j_…}). */
@RestController
@RequestMapping("/v1/jobs")
class JobsController {
    private static final int MAX_LIMIT = 500;

    private final IngestionJobs jobs;

    JobsController(IngestionJobs jobs) {
        this.jobs = jobs;
    }

    record BatchesResponse(List<BatchView> batches) {}

    /** The most recent batches first, without their jobs. */
    @GetMapping
    @Operation(operationId = "listBatches", summary = "Recent ingestion batches, newest first")
    BatchesResponse list(
            @CurrentCaller(Scope.INGEST) Caller caller, @RequestParam(value = "limit", defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        Instant now = Instant.now();
        return new BatchesResponse(jobs.batches(caller, limit).stream()
                .map(b -> BatchView.of(b, now, null))
                .toList());
    }

    /** A batch with its jobs in submission order, or one job. */
    @GetMapping("/{id}")
    @Operation(operationId = "getJob", summary = "A batch (b_…) with its jobs, or one job (j_…)")
    @ApiResponse(
            responseCode = "200",
            description = "The batch or the job",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(oneOf = {BatchView.class, JobView.class})))
    @ApiResponse(responseCode = "404", description = "No such batch or job")
    Object get(@CurrentCaller(Scope.INGEST) Caller caller, @PathVariable String id) {
        if (id.startsWith("j_")) {
            return jobs.job(caller, id)
                    .map(JobView::of)
                    .orElseThrow(() -> new NotFoundException("no ingestion job " + id));
        }
        return jobs.batch(caller, id)
                .map(b -> BatchView.of(b, Instant.now(), jobs.jobs(caller, id)))
                .orElseThrow(() -> new NotFoundException(
                        "no ingestion batch or job " + id + " (batch ids start with b_, job ids with j_)"));
    }
}
