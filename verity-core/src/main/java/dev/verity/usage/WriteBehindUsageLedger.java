package dev.verity.usage;

import dev.verity.internal.WriteBehind;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Takes the ledger's database write off the answer's path: {@link #record} queues the entry and returns; one
 * background thread writes queued entries to the {@code target} ledger in arrival order. Nothing is dropped: when the
 * queue is full the caller writes its entry itself. Reads ({@link #between}) and {@link #close()} first wait until
 * every entry recorded before them is written, so a report never misses an answer that was already returned. A kill
 * of the process can lose what is still queued (a few milliseconds of answers); the answers themselves carry their
 * usage.
 */
public final class WriteBehindUsageLedger implements UsageLedger, AutoCloseable {
    private static final int CAPACITY = 10_000;

    private final UsageLedger target;
    private final WriteBehind<Entry> behind;

    /**
     * @param target where entries are written
     * @param onError told of each entry the target failed to write (it is not retried)
     */
    public WriteBehindUsageLedger(UsageLedger target, Consumer<RuntimeException> onError) {
        this.target = Objects.requireNonNull(target, "target");
        this.behind = new WriteBehind<>("verity-usage-ledger", CAPACITY, target::record, onError);
    }

    @Override
    public void record(Entry usage) {
        Objects.requireNonNull(usage, "usage");
        behind.submit(usage);
    }

    @Override
    public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
        flush();
        return target.between(tenant, from, to);
    }

    /** Waits until every entry recorded so far is written. */
    public void flush() {
        behind.flush();
    }

    @Override
    public void close() {
        behind.close();
    }
}
