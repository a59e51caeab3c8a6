package dev.verity.audit;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AuditLog} in memory: the most recent {@code capacity} events, older ones dropped in the order they were
 * appended. For tests, and for a process without a database; a real deployment keeps its events in the database.
 * Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog {
    /** Enough for a long test or a day of a small team's security events. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Deque<AuditEvent> events = new ArrayDeque<>();

    public InMemoryAuditLog(int capacity) {
        this.capacity = Checks.positive(capacity, "capacity");
    }

    public InMemoryAuditLog() {
        this(DEFAULT_CAPACITY);
    }

    @Override
    public synchronized void append(AuditEvent event) {
        events.addLast(Objects.requireNonNull(event, "event"));
        if (events.size() > capacity) {
            events.removeFirst();
        }
    }

    @Override
    public synchronized List<AuditEvent> list(Optional<Instant> since, int limit) {
        Objects.requireNonNull(since, "since");
        AuditLog.checkLimit(limit);
        // appended order breaks ties between equal times: a stable sort keeps it
        List<AuditEvent> matching = new ArrayList<>(events.stream()
                .filter(e -> since.isEmpty() || !e.at().isBefore(since.get()))
                .sorted(Comparator.comparing(AuditEvent::at))
                .toList());
        return List.copyOf(matching.subList(Math.max(0, matching.size() - limit), matching.size()));
    }
}
