package dev.verity.app.observability.alerts;

import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.observability.alerts.AlertLog.Delivery;
import dev.verity.observability.alerts.AlertLog.RecordedAlert;
import dev.verity.observability.alerts.AlertSink;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's {@link AlertSink}: {@link #raise} only queues the alert (bounded, never waiting), and one daemon thread
 * records it in the {@link AlertLog} and posts it as JSON to the webhook, retrying failures (a non-2xx status, a
 * timeout, a refused connection) with doubling back-off, then records how delivery went.
 *
 * <p>The body has the alert's fields ({@code id}, {@code rule}, {@code severity}, {@code tenant}, {@code summary},
 * {@code details}, {@code at}) and a {@code text} line, so a Slack or Mattermost incoming webhook shows it as is.
 * Failures are logged once (until a delivery succeeds again), never with the URL, a header value or the secret.
 *
 * <p>Do NOT call {@link AlertLog} on the caller's path instead: a database that is slow to answer would slow the
 * request that raised the alert.
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long {@link #close} lets queued alerts be delivered before giving up on them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private static final Alert STOP =
            new Alert("stop", Alert.Severity.WARNING, Alert.ALL_TENANTS, "stop", Map.of(), java.time.Instant.EPOCH);

    private final AlertLog log;
    private final WebhookSettings settings;
    private final HttpClient http;
    private final BlockingQueue<Alert> queue;
    private final Thread worker;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean dropping = new AtomicBoolean();
    /** Alerts queued or being delivered. */
    private final AtomicInteger unfinished = new AtomicInteger();

    private volatile boolean closed;

    public WebhookAlertSink(AlertLog log, WebhookSettings settings) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // one slot more than asked: close() always finds room for the stop marker
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity() + 1);
        this.worker = Thread.ofPlatform().name("verity-alerts").daemon(true).unstarted(this::work);
        worker.start();
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Queues {@code alert} and returns at once; when the queue is full the alert is dropped and that is logged once. */
    @Override
    public void raise(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        if (closed) {
            LOG.warn("alert {} for tenant {} dropped: the server is stopping", alert.rule(), alert.tenant());
            return;
        }
        unfinished.incrementAndGet();
        if (queue.remainingCapacity() <= 1 || !queue.offer(alert)) {
            unfinished.decrementAndGet();
            if (!dropping.getAndSet(true)) {
                LOG.warn(
                        "alert {} for tenant {} dropped: {} alerts are waiting for the webhook; further drops are not"
                                + " logged until the queue has room again",
                        alert.rule(),
                        alert.tenant(),
                        settings.queueCapacity());
            }
            return;
        }
        dropping.set(false);
    }

    private void work() {
        while (true) {
            Alert alert;
            try {
                alert = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (alert == STOP) {
                return;
            }
            try {
                deliver(alert);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("alert {} could not be recorded or delivered: {}", alert.rule(), e.toString());
            } finally {
                unfinished.decrementAndGet();
            }
        }
    }

    private void deliver(Alert alert) throws InterruptedException {
        RecordedAlert recorded = log.record(alert, settings.url().isPresent() ? Delivery.PENDING : Delivery.NONE);
        LOG.info("alert {} [{}] tenant={}: {}", alert.rule(), alert.severity(), alert.tenant(), alert.summary());
        if (settings.url().isEmpty()) {
            return;
        }
        byte[] body = body(recorded);
        HttpRequest request = request(body);
        String lastFailure = "";
        Duration wait = settings.backoff();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    log.delivery(recorded.id(), Delivery.DELIVERED, attempt);
                    if (failing.getAndSet(false)) {
                        LOG.info("the alert webhook accepts alerts again");
                    }
                    return;
                }
                lastFailure = "HTTP " + response.statusCode();
            } catch (java.io.IOException e) {
                // the class only: some messages repeat the URL, which may carry a token
                lastFailure = e.getClass().getSimpleName();
            }
            if (attempt < settings.maxAttempts()) {
                Thread.sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
        log.delivery(recorded.id(), Delivery.FAILED, settings.maxAttempts());
        if (!failing.getAndSet(true)) {
            LOG.warn(
                    "alert {} could not be posted to the alert webhook after {} attempts (last: {}); alerts are still"
                            + " recorded (verity alerts, GET /v1/alerts); further failures are not logged until a"
                            + " delivery succeeds",
                    alert.rule(),
                    settings.maxAttempts(),
                    lastFailure);
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url().orElseThrow())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.headers().forEach(builder::header);
        settings.secret().ifPresent(secret -> builder.header("X-Verity-Signature", "sha256=" + sign(secret, body)));
        return builder.build();
    }

    /** The alert as JSON: its fields, its id, and a one-line {@code text} for chat webhooks. */
    static byte[] body(RecordedAlert recorded) {
        Alert a = recorded.alert();
        String severity = a.severity().name().toLowerCase(Locale.ROOT);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "text",
                "[" + severity + "] " + a.rule()
                        + (a.tenant().equals(Alert.ALL_TENANTS) ? "" : " (tenant " + a.tenant() + ")") + ": "
                        + a.summary());
        json.put("id", recorded.id());
        json.put("rule", a.rule());
        json.put("severity", severity);
        json.put("tenant", a.tenant());
        json.put("summary", a.summary());
        json.put("details", a.details());
        json.put("at", a.at().toString());
        return JSON.writeValueAsBytes(json);
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}: what a receiver recomputes to trust the body. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute HMAC-SHA256", e);
        }
    }

    /**
     * Stops taking alerts, lets those queued be delivered for up to {@link #CLOSE_GRACE}, then stops the worker (an
     * alert still being retried is left recorded as pending).
     */
    @Override
    public void close() {
        closed = true;
        queue.offer(STOP);
        try {
            worker.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
        http.close();
    }

    /** For tests: waits until no alert is queued or being delivered, or {@code timeout} passed. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unfinished.get() == 0) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return false;
    }
}
