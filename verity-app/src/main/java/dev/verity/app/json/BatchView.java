package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.ingestion.jobs.BatchStatus;
import dev.verity.ingestion.jobs.Job;
import java.time.Instant;
import java.util.List;

/**
 * A batch of queued files on the wire: state ({@code queued}, {@code running}, {@code finished}), counts by status,
 * progress from 0 to 1 (by bytes), the estimated seconds left, and its jobs when asked for one batch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchView(
        String id,
        String collection,
        String state,
        int total,
        int queued,
        int running,
        int indexed,
        int unchanged,
        int rejected,
        int quarantined,
        double progress,
        @JsonProperty("bytes_total") long bytesTotal,
        @JsonProperty("bytes_done") long bytesDone,
        @JsonProperty("eta_seconds") Long etaSeconds,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("status_url") String statusUrl,
        List<JobView> jobs) {

    public static BatchView of(BatchStatus b, Instant now, List<Job> jobs) {
        return new BatchView(
                b.id(),
                b.collection(),
                b.state(),
                b.total(),
                b.queued(),
                b.running(),
                b.indexed(),
                b.unchanged(),
                b.rejected(),
                b.quarantined(),
                Math.round(b.progress() * 1000) / 1000.0,
                b.bytesTotal(),
                b.bytesDone(),
                b.eta(now).map(d -> Math.max(1, d.toSeconds())).orElse(null),
                b.createdAt(),
                b.finishedAt().orElse(null),
                "/v1/jobs/" + b.id(),
                jobs == null ? null : jobs.stream().map(JobView::of).toList());
    }
}
