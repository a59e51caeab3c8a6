package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.cli.ExitCodes;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when something outside Verity goes wrong, run as a user runs it (a child JVM with the launcher's
 * flags and logging): one line saying what and what to do, never a stack trace, and no personal data from the question
 * on the terminal's error stream.
 */
class OneLineErrorsIT {
    private static final String CANARIES = "canary.two@example.org, +47 912 34 567, 4111 1111 1111 1111";

    @TempDir
    static Path root;

    static Path data;

    @BeforeAll
    static void ingest() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("leave.txt"), "Employees receive 27 days of paid annual leave.\n");
        data = root.resolve("data");
        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), docs.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    }

    @Test
    void anUnreachableModelIsOneDegradedAnswerNotPagesOfTraces() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run ask = run(
                Map.of(
                        "VERITY_LLM_PROVIDER", "openai",
                        "VERITY_LLM_MODEL", "gpt-4o-mini",
                        "VERITY_LLM_API_KEY", "sk-test",
                        "VERITY_LLM_BASE_URL", "http://127.0.0.1:" + closed + "/v1",
                        "VERITY_LLM_TIMEOUT_MS", "5000"),
                "ask",
                "--data",
                data.toString(),
                "How many days of annual leave do I get? Reply to " + CANARIES);

        assertThat(ask.exitCode()).as(ask.err()).isZero();
        assertThat(ask.out()).contains("27 days").contains("degraded");
        assertNoTraceAndAtMostOneLine(ask.err());
        assertThat(ask.out() + ask.err()).doesNotContain("canary.two@example.org");
    }

    @Test
    void aDataFolderThatIsAFileIsOneUsageLineBeforeAnythingOpens() throws Exception {
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");
        for (List<String> command : List.of(
                List.of(
                        "ingest",
                        "--data",
                        file.toString(),
                        root.resolve("docs").toString()),
                List.of("ask", "--data", file.toString(), "x"),
                List.of("docs", "--data", file.resolve("below").toString()))) {
            Cli.Result result = Cli.run(command.toArray(String[]::new));

            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
            assertNoTraceAndAtMostOneLine(result.err());
            assertThat(result.err()).contains(file + " is a file").contains("--data");
        }
    }

    @Test
    void aServerOverADataFolderThatIsAFileSaysSoInOneLine() throws Exception {
        Path file = Files.writeString(root.resolve("serve-file"), "x");

        Run serve = run(Map.of(), "serve", "--data", file.toString(), "--port", "0");

        assertThat(serve.exitCode()).isNotZero();
        assertThat(serve.out() + serve.err()).doesNotContain("\tat ");
        assertThat(serve.err()).contains(file + " is a file");
    }

    private static void assertNoTraceAndAtMostOneLine(String err) {
        assertThat(err).doesNotContain("\tat ").doesNotContain("Caused by");
        assertThat(err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")))
                .as(err)
                .hasSizeLessThanOrEqualTo(1);
    }

    record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(RestartIT.childJava(root, args))
                .redirectOutput(root.resolve("child.out").toFile())
                .redirectError(root.resolve("child.err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("VERITY_"));
        builder.environment().putAll(env);
        builder.environment().put("VERITY_CONFIG", "");
        Process child = builder.start();
        child.getOutputStream().close();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(
                child.exitValue(),
                Files.readString(root.resolve("child.out"), StandardCharsets.UTF_8),
                Files.readString(root.resolve("child.err"), StandardCharsets.UTF_8));
    }
}
