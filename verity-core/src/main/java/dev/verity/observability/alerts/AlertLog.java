package dev.verity.observability.alerts;

import java.util.List;
import java.util.Optional;

/**
 * The record of every alert raised and how its delivery went. Implementations: {@link InMemoryAlertLog} (bounded, for
 * tests), {@code dev.verity.jdbc.JdbcAlertLog} (table {@code alerts}, H2 and PostgreSQL, in verity-jdbc).
 *
 * <p>Contract: {@link #record} keeps the alert and returns it with a new id; {@link #delivery} changes only the delivery
 * state and attempts of that id; {@link #recent} lists newest first.
 */
public interface AlertLog {
    /** The most alerts one {@link #recent} call returns. */
    int MAX_LIST = 1_000;

    /** Keeps {@code alert} with delivery state {@code delivery} and no attempts yet; returns it with its new id. */
    RecordedAlert record(Alert alert, Delivery delivery);

    /** Sets the delivery state and attempts of the alert {@code id}; an unknown id is ignored. */
    void delivery(String id, Delivery delivery, int attempts);

    /**
     * @param tenant a tenant: its alerts and the service-wide ones ({@link Alert#ALL_TENANTS}); empty: every alert
     * @param limit 1 to {@link #MAX_LIST}
     * @return the newest {@code limit} alerts, newest first
     */
    List<RecordedAlert> recent(Optional<String> tenant, int limit);

    /** Throws unless {@code limit} is in 1..{@link #MAX_LIST}. */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIST + ", got " + limit);
        }
        return limit;
    }

    /** An alert as recorded: its id, and how far its delivery got. */
    record RecordedAlert(String id, Alert alert, Delivery delivery, int attempts) {
        public RecordedAlert {
            dev.verity.internal.Checks.nonBlank(id, "id");
            java.util.Objects.requireNonNull(alert, "alert");
            java.util.Objects.requireNonNull(delivery, "delivery");
            dev.verity.internal.Checks.nonNegative(attempts, "attempts");
        }
    }

    /** Where an alert's delivery to the webhook stands. */
    enum Delivery {
        /** Queued, or being tried. */
        PENDING,
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Every attempt failed, or the queue was full. */
        FAILED,
        /** No webhook is configured: recorded only. */
        NONE;

        /** The lower-case name, as stored and shown. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The state named {@code code} (any case). */
        public static Delivery parse(String code) {
            return valueOf(code.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
