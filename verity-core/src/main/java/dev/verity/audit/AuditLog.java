package dev.verity.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The append-only log of security events ({@link AuditEvent}): there is no way to change or remove an event through
 * this interface, by design. Implementations: {@link InMemoryAuditLog} (bounded, for tests and a process without a
 * database), {@code dev.verity.jdbc.JdbcAuditLog} (table {@code audit_events}, H2 and PostgreSQL, in verity-jdbc).
 *
 * <p>Contract: {@link #list} returns the most recent events at or after {@code since}, at most {@code limit} of them,
 * <em>newest last</em> (by time, then in the order they were appended), each exactly as appended.
 */
public interface AuditLog {
    /** The most events one {@link #list} call returns. */
    int MAX_LIST = 10_000;

    /** Keeps {@code event}. */
    void append(AuditEvent event);

    /**
     * @param since the earliest time listed (inclusive); empty for all
     * @param limit the most events to return, 1 to {@link #MAX_LIST}: the newest ones are kept
     * @return the newest {@code limit} events at or after {@code since}, oldest first and newest last
     */
    List<AuditEvent> list(Optional<Instant> since, int limit);

    /**
     * A log that asks {@code log} for the real one at every call: for a composition root that opens the database only
     * when the first event is appended. {@code log} must cache what it opens.
     */
    static AuditLog lazy(Supplier<? extends AuditLog> log) {
        Objects.requireNonNull(log, "log");
        return new AuditLog() {
            @Override
            public void append(AuditEvent event) {
                log.get().append(event);
            }

            @Override
            public List<AuditEvent> list(Optional<Instant> since, int limit) {
                return log.get().list(since, limit);
            }
        };
    }

    /** Throws unless {@code limit} is in 1..{@link #MAX_LIST}. */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_LIST + ", got " + limit);
        }
        return limit;
    }
}
