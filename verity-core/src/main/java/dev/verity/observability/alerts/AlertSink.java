package dev.verity.observability.alerts;

/**
 * Where alerts go: recorded, and posted to whoever watches (a webhook). Implementations never block the caller for
 * long and never throw for a delivery failure: an alert is raised on a request's path or a scheduler's.
 */
public interface AlertSink {

    /** Records and delivers {@code alert}, or queues it for delivery. */
    void raise(Alert alert);

    /** Drops every alert. */
    static AlertSink none() {
        return alert -> {};
    }
}
