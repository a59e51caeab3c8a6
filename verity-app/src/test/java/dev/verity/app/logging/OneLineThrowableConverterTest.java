package dev.verity.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The command-line Logback configuration, as a user's terminal sees it. */
class OneLineThrowableConverterTest {
    private static final String CANARIES = "canary.one@example.org, +1 212 555 0147, card 4111-1111-1111-1111";

    @Test
    void aNestedFailureIsOneLineNamingItsRootCauseWithoutATrace() throws Exception {
        String err = logWithCliConfiguration(logger -> logger.error(
                "Aggregation Error",
                new CompletionException(
                        new IllegalStateException("Request failed", new ConnectException("Connection refused")))));

        assertThat(err).doesNotContain("\tat ");
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err)
                .contains("ERROR")
                .contains("Aggregation Error")
                .contains("root cause ConnectException: Connection refused");
    }

    @Test
    void personalDataIsMaskedInMessagesArgumentsAndExceptionMessages() throws Exception {
        String err = logWithCliConfiguration(logger -> {
            logger.warn("asked by " + CANARIES);
            logger.warn("asked by {}", CANARIES);
            logger.error("failed", new IllegalArgumentException("bad question: " + CANARIES));
        });

        assertThat(err).doesNotContain("canary.one@example.org", "555 0147", "4111-1111-1111-1111");
        assertThat(err).contains("[email]", "[phone]", "[credit_card]");
        assertThat(err.strip().lines()).hasSize(3);
    }

    @Test
    void aLoggerAtDebugLevelGetsTheWholeTraceStillMasked() throws Exception {
        String err = logWithCliConfiguration(logger -> {
            logger.setLevel(Level.DEBUG);
            logger.error("failed", new IllegalStateException("for " + CANARIES));
        });

        assertThat(err).contains("\tat ").doesNotContain("canary.one@example.org");
    }

    @Test
    void theServersConfigurationScrubsAndShortensToo() throws Exception {
        String out = logWith(
                "/logback-spring.xml",
                logger -> logger.error(
                        "request from " + CANARIES,
                        new IllegalStateException("failed", new RuntimeException(CANARIES))));

        assertThat(out).contains("request from [email]").contains("root cause RuntimeException: [email]");
        assertThat(out).doesNotContain("canary.one@example.org", "\tat ");
        assertThat(out.strip().lines()).hasSize(2); // Spring Boot's pattern puts the exception on the next line
    }

    private static String logWithCliConfiguration(java.util.function.Consumer<Logger> logging) throws Exception {
        return logWith("/verity-cli-logback.xml", logging);
    }

    private static String logWith(String resource, java.util.function.Consumer<Logger> logging) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            configurator.doConfigure(OneLineThrowableConverterTest.class.getResource(resource));
            logging.accept(context.getLogger("dev.verity.test"));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
