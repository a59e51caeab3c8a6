package dev.verity.ingestion.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Progress of one submitted batch of files.
 *
 * @param bytesTotal, bytesDone sizes of all files and of those in a terminal state: progress and ETA are by bytes
 * @param finishedAt when the last job reached a terminal state
 */
public record BatchStatus(
        String id,
        String tenant,
        String collection,
        Instant createdAt,
        int total,
        int queued,
        int running,
        int indexed,
        int unchanged,
        int rejected,
        int quarantined,
        long bytesTotal,
        long bytesDone,
        Optional<Instant> finishedAt) {

    public int done() {
        return indexed + unchanged + rejected + quarantined;
    }

    public boolean finished() {
        return done() == total;
    }

    /** {@code queued}, {@code running} or {@code finished}. */
    public String state() {
        if (finished()) {
            return "finished";
        }
        return running > 0 || done() > 0 ? "running" : "queued";
    }

    /** Share done, by bytes when the files have any, else by count: 0.0 to 1.0. */
    public double progress() {
        if (total == 0) {
            return 1.0;
        }
        return bytesTotal > 0 ? (double) bytesDone / bytesTotal : (double) done() / total;
    }

    /** Time left at the rate so far; empty until something is done, and once finished. */
    public Optional<Duration> eta(Instant now) {
        double progress = progress();
        if (finished() || progress <= 0) {
            return Optional.empty();
        }
        long elapsedMs = Math.max(1, Duration.between(createdAt, now).toMillis());
        return Optional.of(Duration.ofMillis((long) (elapsedMs * (1 - progress) / progress)));
    }
}
