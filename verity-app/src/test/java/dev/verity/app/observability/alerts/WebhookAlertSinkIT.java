package dev.verity.app.observability.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.verity.observability.alerts.Alert;
import dev.verity.observability.alerts.AlertLog.Delivery;
import dev.verity.observability.alerts.AlertLog.RecordedAlert;
import dev.verity.observability.alerts.InMemoryAlertLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alerts posted to a webhook receiver started by the test (the JDK's HTTP server) and recorded. */
class WebhookAlertSinkIT {
    /** Generous: the worker retries with back-offs of milliseconds; this only bounds a broken test. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static final Alert ALERT = new Alert(
            "p95_latency_drift",
            Alert.Severity.WARNING,
            "acme",
            "P95 latency over the last 15 min is 3200 ms",
            Map.of("window_value", "3200", "baseline_value", "1200"),
            Instant.parse("2026-12-08T02:00:00Z"));

    private final InMemoryAlertLog log = new InMemoryAlertLog();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private WebhookAlertSink sink;

    record Received(String body, String contentType, String authorization, String signature) {}

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** A receiver answering the given statuses in turn (the last one from then on), recording what it got. */
    private URI receiver(int... statuses) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/T0KEN-secret", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Verity-Signature")));
            int status = statuses[Math.min(calls.getAndIncrement(), statuses.length - 1)];
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/T0KEN-secret");
    }

    private WebhookAlertSink sink(WebhookSettings settings) {
        sink = new WebhookAlertSink(log, settings.withRetries(4, Duration.ofMillis(500), Duration.ofMillis(5)));
        return sink;
    }

    private RecordedAlert onlyRecorded() throws InterruptedException {
        assertThat(sink.awaitIdle(SETTLE)).isTrue();
        List<RecordedAlert> alerts = log.recent(Optional.empty(), 10);
        assertThat(alerts).hasSize(1);
        return alerts.getFirst();
    }

    @Test
    void postsTheAlertAsJsonWithAChatTextLineAndRecordsItDelivered() throws Exception {
        sink(WebhookSettings.to(receiver(200))).raise(ALERT);

        RecordedAlert recorded = onlyRecorded();
        assertThat(recorded.delivery()).isEqualTo(Delivery.DELIVERED);
        assertThat(recorded.attempts()).isEqualTo(1);
        assertThat(recorded.alert()).isEqualTo(ALERT);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().contentType()).isEqualTo("application/json");
        JsonNode body =
                JsonMapper.builder().build().readTree(received.getFirst().body());
        assertThat(body.get("text").asString())
                .isEqualTo("[warning] p95_latency_drift (tenant acme): P95 latency over the last 15 min is 3200 ms");
        assertThat(body.get("id").asString()).isEqualTo(recorded.id());
        assertThat(body.get("rule").asString()).isEqualTo("p95_latency_drift");
        assertThat(body.get("severity").asString()).isEqualTo("warning");
        assertThat(body.get("tenant").asString()).isEqualTo("acme");
        assertThat(body.get("details").get("baseline_value").asString()).isEqualTo("1200");
        assertThat(body.get("at").asString()).isEqualTo("2026-12-08T02:00:00Z");
    }

    @Test
    void retriesAfterServerErrorsAndRecordsTheAttemptsItTook() throws Exception {
        sink(WebhookSettings.to(receiver(500, 503, 200))).raise(ALERT);

        RecordedAlert recorded = onlyRecorded();
        assertThat(recorded.delivery()).isEqualTo(Delivery.DELIVERED);
        assertThat(recorded.attempts()).isEqualTo(3);
        assertThat(received)
                .hasSize(3)
                .extracting(Received::body)
                .containsOnly(received.getFirst().body());
    }

    @Test
    void givesUpAfterTheLastAttemptAndRecordsTheAlertFailed() throws Exception {
        sink(WebhookSettings.to(receiver(500))).raise(ALERT);

        RecordedAlert recorded = onlyRecorded();
        assertThat(recorded.delivery()).isEqualTo(Delivery.FAILED);
        assertThat(recorded.attempts()).isEqualTo(4);
        assertThat(received).hasSize(4);
    }

    /** A receiver that holds every request until {@code released} (or a minute), then hangs up without answering. */
    private URI hangingReceiver(CountDownLatch released, List<Boolean> releasedInTime) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            try {
                releasedInTime.add(released.await(1, TimeUnit.MINUTES));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
    }

    @Test
    void raiseReturnsWhileTheReceiverHangs() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        List<Boolean> releasedInTime = new CopyOnWriteArrayList<>();
        URI hanging = hangingReceiver(released, releasedInTime);
        // attempts may take longer than the receiver holds them: only raise returning can release the receiver
        sink = new WebhookAlertSink(
                log, WebhookSettings.to(hanging).withRetries(2, Duration.ofMinutes(5), Duration.ofMillis(5)));

        sink.raise(ALERT);
        sink.raise(ALERT);
        released.countDown();

        assertThat(sink.awaitIdle(SETTLE)).isTrue();
        assertThat(releasedInTime)
                .as("the receiver was released by the test, not by its own minute")
                .containsOnly(true);
        assertThat(log.recent(Optional.empty(), 10))
                .extracting(RecordedAlert::delivery, RecordedAlert::attempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Delivery.FAILED, 2),
                        org.assertj.core.groups.Tuple.tuple(Delivery.FAILED, 2));
    }

    @Test
    void attemptsOnAHangingReceiverTimeOutAndTheAlertIsRecordedFailed() throws Exception {
        CountDownLatch neverReleased = new CountDownLatch(1);
        URI hanging = hangingReceiver(neverReleased, new CopyOnWriteArrayList<>());
        sink = new WebhookAlertSink(
                log, WebhookSettings.to(hanging).withRetries(3, Duration.ofMillis(100), Duration.ofMillis(5)));

        sink.raise(ALERT);

        RecordedAlert recorded = onlyRecorded();
        neverReleased.countDown();
        assertThat(recorded.delivery()).isEqualTo(Delivery.FAILED);
        assertThat(recorded.attempts()).isEqualTo(3);
    }

    @Test
    void aFullQueueDropsTheAlertInsteadOfWaiting() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try {
                released.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        URI slow = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
        sink = new WebhookAlertSink(
                log,
                WebhookSettings.to(slow)
                        .withRetries(1, Duration.ofMinutes(1), Duration.ZERO)
                        .withQueueCapacity(2));

        for (int i = 0; i < 10; i++) {
            sink.raise(ALERT); // one being posted, two queued, the rest dropped
        }
        released.countDown();

        assertThat(sink.awaitIdle(SETTLE)).isTrue();
        List<RecordedAlert> recorded = log.recent(Optional.empty(), 100);
        assertThat(recorded.size()).isBetween(2, 3);
        assertThat(recorded).extracting(RecordedAlert::delivery).containsOnly(Delivery.DELIVERED);
    }

    @Test
    void sendsTheConfiguredHeadersAndSignsTheBodyWithTheSecret() throws Exception {
        URI url = receiver(204);
        sink(WebhookSettings.to(url).withHeaders(Map.of("Authorization", "Bearer hook-token"), Optional.of("s3cret")))
                .raise(ALERT);

        onlyRecorded();
        Received got = received.getFirst();
        assertThat(got.authorization()).isEqualTo("Bearer hook-token");
        assertThat(got.signature())
                .isEqualTo(
                        "sha256=" + WebhookAlertSink.sign("s3cret", got.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void failuresAreLoggedOnceAndNeverWithTheUrlHeadersOrSecret() throws Exception {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WebhookAlertSink.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            URI url = receiver(500);
            sink(WebhookSettings.to(url)
                            .withHeaders(Map.of("Authorization", "Bearer hook-token"), Optional.of("s3cret")))
                    .raise(ALERT);
            sink.raise(ALERT);
            assertThat(sink.awaitIdle(SETTLE)).isTrue();
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list)
                .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .startsWith("alert p95_latency_drift could not be posted to the alert webhook after 4 attempts"
                                + " (last: HTTP 500)"));
        assertThat(logged.list)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .allSatisfy(m -> assertThat(m).doesNotContain("T0KEN", "hook-token", "s3cret", "/hooks/"));
    }

    @Test
    void withoutAWebhookAlertsAreRecordedOnly() throws Exception {
        sink(WebhookSettings.none()).raise(ALERT);

        RecordedAlert recorded = onlyRecorded();
        assertThat(recorded.delivery()).isEqualTo(Delivery.NONE);
        assertThat(recorded.attempts()).isZero();
    }

    @Test
    void settingsNeverShowTheUrlOrTheSecret() {
        WebhookSettings settings = WebhookSettings.to(URI.create("https://hooks.example.test/T0KEN-secret"))
                .withHeaders(Map.of("Authorization", "Bearer hook-token"), Optional.of("s3cret"));

        assertThat(settings.toString()).doesNotContain("T0KEN", "hook-token", "s3cret", "example.test");
    }
}
