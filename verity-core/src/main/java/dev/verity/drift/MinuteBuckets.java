package dev.verity.drift;

/**
 * One tenant's (or the service's) counts per minute in a ring of {@code size} minutes: a minute's slot is reused once
 * it is older than the ring, so memory is fixed and recording is constant work. Thread-safe: every method holds the
 * ring's lock, briefly.
 */
final class MinuteBuckets {
    /** Latency buckets: bucket {@code i} holds latencies up to 2^(i/3) ms, so 64 of them reach 2^21 ms (35 min). */
    static final int LATENCY_BUCKETS = 64;

    private static final int STEPS_PER_DOUBLING = 3;

    private final Counts[] ring;

    MinuteBuckets(int size) {
        this.ring = new Counts[size];
    }

    synchronized void answer(long minute, long latencyMs, double costUsd, Kind kind) {
        Counts c = slot(minute);
        c.answers++;
        c.latency[latencyBucket(latencyMs)]++;
        c.costUsd += costUsd;
        switch (kind) {
            case DEGRADED -> c.degraded++;
            case ABSTAINED -> c.abstained++;
            case BLOCKED -> c.blocked++;
            case ANSWERED -> {}
        }
    }

    synchronized void failure(long minute) {
        slot(minute).failed++;
    }

    synchronized void thumb(long minute, boolean down) {
        Counts c = slot(minute);
        if (down) {
            c.down++;
        } else {
            c.up++;
        }
    }

    /** The counts of the minutes {@code from} to {@code to}, both included, added up. */
    synchronized Counts sum(long from, long to) {
        Counts total = new Counts(Long.MIN_VALUE);
        for (Counts c : ring) {
            if (c != null && c.minute >= from && c.minute <= to) {
                total.add(c);
            }
        }
        return total;
    }

    private Counts slot(long minute) {
        int i = (int) Math.floorMod(minute, (long) ring.length);
        Counts c = ring[i];
        if (c == null || c.minute != minute) {
            c = new Counts(minute);
            ring[i] = c;
        }
        return c;
    }

    static int latencyBucket(long ms) {
        if (ms <= 1) {
            return 0;
        }
        int i = (int) Math.ceil(Math.log(ms) / Math.log(2) * STEPS_PER_DOUBLING - 1e-9);
        return Math.min(LATENCY_BUCKETS - 1, i);
    }

    static double latencyUpperBound(int bucket) {
        return Math.pow(2, (double) bucket / STEPS_PER_DOUBLING);
    }

    /** How an answer ended, as counted. */
    enum Kind {
        ANSWERED,
        ABSTAINED,
        DEGRADED,
        BLOCKED
    }

    /** The counts of one minute, or of a span of minutes added up. */
    static final class Counts {
        final long minute;
        long answers;
        long failed;
        long degraded;
        long abstained;
        long blocked;
        long up;
        long down;
        double costUsd;
        final long[] latency = new long[LATENCY_BUCKETS];

        Counts(long minute) {
            this.minute = minute;
        }

        void add(Counts other) {
            answers += other.answers;
            failed += other.failed;
            degraded += other.degraded;
            abstained += other.abstained;
            blocked += other.blocked;
            up += other.up;
            down += other.down;
            costUsd += other.costUsd;
            for (int i = 0; i < LATENCY_BUCKETS; i++) {
                latency[i] += other.latency[i];
            }
        }

        /** How many observations {@code rule} is judged on. */
        long samples(DriftRule rule) {
            return switch (rule) {
                case ERROR_RATE -> answers + failed;
                case THUMBS_DOWN_SHARE -> up + down;
                default -> answers;
            };
        }

        /** The value {@code rule} measures; meaningful only when {@link #samples} is above zero. */
        double value(DriftRule rule) {
            return switch (rule) {
                case P95_LATENCY -> p95();
                case COST_PER_ANSWER -> share(costUsd, answers);
                case ERROR_RATE -> share(failed + degraded, answers + failed);
                case ABSTENTION_RATE -> share(abstained, answers);
                case GUARD_BLOCK_RATE -> share(blocked, answers);
                case THUMBS_DOWN_SHARE -> share(down, up + down);
            };
        }

        /** The upper bound of the bucket holding the 95th percentile. */
        private double p95() {
            long rank = (long) Math.ceil(0.95 * answers);
            long seen = 0;
            for (int i = 0; i < LATENCY_BUCKETS; i++) {
                seen += latency[i];
                if (seen >= rank && seen > 0) {
                    return latencyUpperBound(i);
                }
            }
            return 0;
        }

        private static double share(double part, long whole) {
            return whole == 0 ? 0 : part / whole;
        }
    }
}
