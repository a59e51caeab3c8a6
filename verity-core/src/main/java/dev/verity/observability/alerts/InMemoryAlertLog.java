package dev.verity.observability.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link AlertLog} in memory, keeping the newest {@link AlertLog#MAX_LIST} alerts: for tests. Thread-safe. */
public final class InMemoryAlertLog implements AlertLog {
    private final Deque<RecordedAlert> alerts = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public synchronized RecordedAlert record(Alert alert, Delivery delivery) {
        Objects.requireNonNull(alert, "alert");
        RecordedAlert recorded =
                new RecordedAlert(HexFormat.of().toHexDigits(ids.incrementAndGet()), alert, delivery, 0);
        alerts.addFirst(recorded);
        if (alerts.size() > MAX_LIST) {
            alerts.removeLast();
        }
        return recorded;
    }

    @Override
    public synchronized void delivery(String id, Delivery delivery, int attempts) {
        List<RecordedAlert> all = new ArrayList<>(alerts);
        alerts.clear();
        for (RecordedAlert a : all) {
            alerts.addLast(a.id().equals(id) ? new RecordedAlert(id, a.alert(), delivery, attempts) : a);
        }
    }

    @Override
    public synchronized List<RecordedAlert> recent(Optional<String> tenant, int limit) {
        AlertLog.checkLimit(limit);
        return alerts.stream()
                .filter(a -> tenant.isEmpty()
                        || a.alert().tenant().equals(tenant.get())
                        || a.alert().tenant().equals(Alert.ALL_TENANTS))
                .limit(limit)
                .toList();
    }
}
