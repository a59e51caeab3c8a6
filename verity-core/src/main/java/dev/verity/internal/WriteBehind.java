package dev.verity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes a write off the caller's path: {@link #submit} queues the item and returns; one background thread hands queued
 * items to the writer in arrival order. Nothing is dropped: when the queue is full (or closed) the caller writes its
 * item itself. {@link #flush()} waits until every item submitted before it is written. A kill of the process can lose
 * what is still queued.
 *
 * @param <T> what is written
 */
public final class WriteBehind<T> implements AutoCloseable {
    private final Consumer<T> writer;
    private final Consumer<RuntimeException> onError;
    private final BlockingQueue<T> queue;
    private final Thread thread;
    private final Object lock = new Object();
    private long submitted;
    private long written;
    private volatile boolean closed;

    /**
     * @param name the background thread's name
     * @param capacity the most items queued at once
     * @param writer writes one item
     * @param onError told of each item the writer failed to write (it is not retried)
     */
    public WriteBehind(String name, int capacity, Consumer<T> writer, Consumer<RuntimeException> onError) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.queue = new ArrayBlockingQueue<>(Checks.positive(capacity, "capacity"));
        this.thread =
                Thread.ofPlatform().daemon().name(Checks.nonBlank(name, "name")).start(this::drain);
    }

    public void submit(T item) {
        Objects.requireNonNull(item, "item");
        synchronized (lock) {
            if (!closed && queue.offer(item)) {
                submitted++;
                return;
            }
        }
        write(item); // full or closed: write it here rather than lose it
    }

    /** Waits until every item submitted so far is written. */
    public void flush() {
        synchronized (lock) {
            long goal = submitted;
            while (written < goal && thread.isAlive()) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Flushes, then stops the background thread; later items are written by their callers. */
    @Override
    public void close() {
        flush();
        closed = true;
        thread.interrupt();
    }

    private void drain() {
        List<T> batch = new ArrayList<>();
        while (!closed) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
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

    private void write(T item) {
        try {
            writer.accept(item);
        } catch (RuntimeException e) {
            onError.accept(e);
        }
    }
}
