package dev.verity.ingestion.jobs;

import dev.verity.catalog.BlobStore;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestionSettings;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts files on the durable queue without working it: stores each original in the {@link BlobStore} and queues one job
 * per file. Whichever process holds {@link IngestionWorkers} works the jobs (this one later, `verity serve`, or
 * `verity jobs --work`).
 */
public final class JobSubmitter {
    private final JobStore jobs;
    private final BlobStore blobs;
    private final IngestionSettings settings;
    private final Clock clock;

    public JobSubmitter(JobStore jobs, BlobStore blobs, IngestionSettings settings, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the originals and queues one job per file; returns at once. Files that are empty, too large or
     * unreadable are recorded as rejected without being stored.
     */
    public BatchStatus submit(List<SourceFile> files, IngestOptions options) {
        List<NewJob> batch = new ArrayList<>(files.size());
        for (SourceFile file : files) {
            batch.add(store(file));
        }
        return jobs.submit(options, batch, clock.instant());
    }

    private NewJob store(SourceFile file) {
        long size;
        try {
            size = Files.size(file.path());
        } catch (IOException e) {
            return NewJob.refused(
                    file.source(),
                    0,
                    new Rejection(RejectionReason.UNREADABLE, "cannot read the file: " + e.getMessage()));
        }
        if (size == 0) {
            return NewJob.refused(
                    file.source(), 0, new Rejection(RejectionReason.EMPTY, "the file is empty (0 bytes)"));
        }
        if (size > settings.maxFileBytes()) {
            return NewJob.refused(
                    file.source(),
                    size,
                    new Rejection(
                            RejectionReason.TOO_LARGE,
                            "the file has " + size + " bytes, more than the limit of " + settings.maxFileBytes()));
        }
        try {
            return NewJob.stored(file.source(), blobs.put(file.path()), size);
        } catch (UncheckedIOException e) {
            return NewJob.refused(
                    file.source(),
                    size,
                    new Rejection(
                            RejectionReason.UNREADABLE,
                            "cannot read the file: " + e.getCause().getMessage()));
        }
    }
}
