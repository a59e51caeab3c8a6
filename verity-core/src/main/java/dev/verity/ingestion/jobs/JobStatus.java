package dev.verity.ingestion.jobs;

import java.util.Locale;

/** Where an ingestion job stands. The last four are terminal. */
public enum JobStatus {
    /** Waiting for a worker (first time, or to be retried after a transient failure). */
    QUEUED,
    /** Leased by a worker, which renews the lease while it works. */
    RUNNING,
    INDEXED,
    UNCHANGED,
    /** The file cannot be indexed, for a reason that will not change by retrying. */
    REJECTED,
    /** Retries were exhausted; kept with the original and the reason until retried by hand. */
    QUARANTINED;

    public boolean terminal() {
        return ordinal() >= INDEXED.ordinal();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
