package dev.verity.app.observability.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how alerts are posted.
 *
 * @param url the webhook; empty to record alerts only. It may carry a token: it is never logged
 * @param headers extra request headers (e.g. {@code Authorization}); their values are never logged
 * @param secret when present, each body is signed: {@code X-Verity-Signature: sha256=<hex HMAC-SHA256 of the body>}
 * @param maxAttempts attempts per alert, the first included
 * @param timeout how long one attempt may take, connecting included
 * @param backoff the wait after the first failed attempt, doubled after each further one
 * @param queueCapacity alerts waiting for delivery; more are dropped (and said so once in the log)
 */
public record WebhookSettings(
        Optional<URI> url,
        Map<String, String> headers,
        Optional<String> secret,
        int maxAttempts,
        Duration timeout,
        Duration backoff,
        int queueCapacity) {
    /** Four attempts over about 7 s of back-off: rides out a restart of the receiver, not an outage. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** Alerts are rare (one per rule and tenant per cooldown): a hundred waiting means the receiver is gone. */
    public static final int DEFAULT_QUEUE_CAPACITY = 100;

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        url.ifPresent(u -> {
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())
                    || u.getHost() == null) {
                // the URL itself may hold a token: named by its scheme only
                throw new IllegalArgumentException(
                        "VERITY_ALERT_WEBHOOK_URL must be an http or https URL with a host, got one with scheme \""
                                + u.getScheme() + "\"");
            }
        });
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(secret, "secret");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, got " + backoff);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
        }
    }

    /** No webhook: alerts are recorded only. */
    public static WebhookSettings none() {
        return new WebhookSettings(
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_TIMEOUT,
                DEFAULT_BACKOFF,
                DEFAULT_QUEUE_CAPACITY);
    }

    /** Posting to {@code url} with the default attempts, timeout and back-off. */
    public static WebhookSettings to(URI url) {
        return none().withUrl(url);
    }

    public WebhookSettings withUrl(URI newUrl) {
        return new WebhookSettings(Optional.of(newUrl), headers, secret, maxAttempts, timeout, backoff, queueCapacity);
    }

    public WebhookSettings withHeaders(Map<String, String> newHeaders, Optional<String> newSecret) {
        return new WebhookSettings(url, newHeaders, newSecret, maxAttempts, timeout, backoff, queueCapacity);
    }

    public WebhookSettings withRetries(int attempts, Duration attemptTimeout, Duration firstBackoff) {
        return new WebhookSettings(url, headers, secret, attempts, attemptTimeout, firstBackoff, queueCapacity);
    }

    public WebhookSettings withQueueCapacity(int capacity) {
        return new WebhookSettings(url, headers, secret, maxAttempts, timeout, backoff, capacity);
    }

    /** Never the URL, the header values or the secret: what a log line or a toString may say. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + (url.isPresent() ? "(set)" : "(none)") + ", headers=" + headers.keySet()
                + ", signed=" + secret.isPresent() + ", maxAttempts=" + maxAttempts + ", timeout=" + timeout
                + ", backoff=" + backoff + ", queueCapacity=" + queueCapacity + "]";
    }
}
