package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole server run — start, upload, questions, bad requests, errors, shutdown — with Spring's web logging and
 * Verity's own at debug level, so request paths, parameters and exceptions are logged: the planted canaries (an
 * e-mail address, a phone number, a card number) must not appear anywhere in what was logged.
 */
class PiiInLogsIT {
    private static final List<String> CANARIES =
            List.of("canary.three@example.org", "+47 912 34 567", "4111111111111111");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path root;

    @Test
    void noPlantedPersonalDataReachesTheLogs() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Level web = logging.getLogger("org.springframework.web").getLevel();
        Level verity = logging.getLogger("dev.verity").getLevel();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext server =
                VerityServer.start(VerityConfig.from(root.resolve("data"), Map.of()), "127.0.0.1", 0)) {
            logging.getLogger("org.springframework.web").setLevel(Level.DEBUG);
            logging.getLogger("dev.verity").setLevel(Level.DEBUG);
            String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            String question = "Write to canary.three@example.org or call +47 912 34 567, card 4111111111111111";

            send(base, "POST", "/v1/query", "{\"collection\": \"docs\", \"question\": \"" + question + "\"}");
            send(base, "POST", "/v1/query", "{\"collection\": \"docs\", \"question\": \"" + question + "\", \"x\": 1}");
            send(base, "GET", "/v1/collections/docs/documents/canary.three@example.org", null);
            send(base, "GET", "/v1/collections/docs/documents?q=4111111111111111", null);
            send(base, "POST", "/v1/conversations", "{\"collection\": \"docs\", \"title\": \"" + question + "\"}");
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
            // the tests that run after this one in the same JVM log as configured, not at debug level
            logging.getLogger("org.springframework.web").setLevel(web);
            logging.getLogger("dev.verity").setLevel(verity);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);

        assertThat(logs).as("the run logged something at debug level").contains("DEBUG");
        for (String canary : CANARIES) {
            assertThat(logs).as("canary %s", canary).doesNotContain(canary);
        }
    }

    private static void send(String base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Writes to the terminal as before and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
