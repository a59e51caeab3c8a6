package dev.verity.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
    private final Consumer<RuntimeException> onError;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private final Object lock = new Object();
    private long recorded;
    private long written;
    private volatile boolean closed;

    /**
     * @param target where entries are written
     * @param onError told of each entry the target failed to write (it is not retried)
     */
    public WriteBehindUsageLedger(UsageLedger target, Consumer<RuntimeException> onError) {
        this.target = Objects.requireNonNull(target, "target");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.writer = Thread.ofPlatform().daemon().name("verity-usage-ledger").start(this::drain);
    }

    @Override
    public void record(Entry usage) {
        Objects.requireNonNull(usage, "usage");
        synchronized (lock) {
            if (!closed && queue.offer(usage)) {
                recorded++;
                return;
            }
        }
        write(usage); // full or closed: write it here rather than lose it
    }

    @Override
    public List<Entry> between(LocalDate from, LocalDate to) {
        flush();
        return target.between(from, to);
    }

    /** Waits until every entry recorded so far is written. */
    public void flush() {
        synchronized (lock) {
            long goal = recorded;
            while (written < goal && writer.isAlive()) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        flush();
        closed = true;
        writer.interrupt();
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>();
        while (!closed) {
            try {
                Entry first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            batch.forEach(this::write);
            synchronized (lock) {
                written += batch.size();
                lock.notifyAll();
            }
            batch.clear();
        }
    }

    private void write(Entry entry) {
        try {
            target.record(entry);
        } catch (RuntimeException e) {
            onError.accept(e);
        }
    }
}
