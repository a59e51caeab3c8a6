package dev.verity.ingestion.jobs;

import dev.verity.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How ingestion workers use the queue.
 *
 * @param lease how long a job stays a worker's without renewal; renewed every third of it while the worker lives
 * @param maxAttempts transient failures before a job is quarantined
 * @param maxLeases times a job may be taken (a worker dying on it counts) before it is quarantined as a suspect of
 *     killing its workers
 * @param retryBase the wait before the first retry; doubled each time (with jitter), at most 5 minutes
 * @param maxCommitDelay longest a finished job waits for the index commit that makes it durable
 * @param idlePoll how often an idle worker looks for jobs submitted by other processes
 */
public record QueueSettings(
        Duration lease,
        int maxAttempts,
        int maxLeases,
        Duration retryBase,
        Duration maxCommitDelay,
        Duration idlePoll) {
    public QueueSettings {
        Objects.requireNonNull(lease, "lease");
        Checks.positive(maxAttempts, "maxAttempts");
        Checks.positive(maxLeases, "maxLeases");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(maxCommitDelay, "maxCommitDelay");
        Objects.requireNonNull(idlePoll, "idlePoll");
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("the lease must be at least 300 ms, got " + lease);
        }
    }

    public static QueueSettings defaults() {
        return new QueueSettings(
                Duration.ofMinutes(2), 3, 10, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    public QueueSettings withRetryBase(Duration base) {
        return new QueueSettings(lease, maxAttempts, maxLeases, base, maxCommitDelay, idlePoll);
    }

    public QueueSettings withLease(Duration duration) {
        return new QueueSettings(duration, maxAttempts, maxLeases, retryBase, maxCommitDelay, idlePoll);
    }
}
