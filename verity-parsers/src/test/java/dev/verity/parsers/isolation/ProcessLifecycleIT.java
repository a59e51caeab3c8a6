package dev.verity.parsers.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Parser processes never outlive their parser, nor the JVM that started them. */
class ProcessLifecycleIT {
    private static final String WORKER = MisbehavingParseWorker.class.getName();

    @Test
    void startsASecondProcessOnlyWhenTheFirstIsBusy() throws Exception {
        Path file = text();
        try (IsolatedDocumentParser parser = new IsolatedDocumentParser(IsolationSettings.defaults(2), WORKER)) {
            for (int i = 0; i < 3; i++) {
                parser.parse(file, "one-at-a-time.txt");
            }
            assertThat(parser.processIds()).hasSize(1);

            parseTwoAtOnce(parser, file);

            assertThat(parser.processIds()).hasSize(2);
        }
    }

    @Test
    void endsEveryProcessOnClose() throws Exception {
        List<Long> pids;
        try (IsolatedDocumentParser parser = new IsolatedDocumentParser(IsolationSettings.defaults(2), WORKER)) {
            parseTwoAtOnce(parser, text());
            pids = parser.processIds();
        }

        assertThat(pids).hasSize(2);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("process " + pid)
                    .isEmpty();
        }
    }

    /** The arguments of a process that is not our child, from /proc (ProcessHandle.Info only has our children's). */
    private static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path text() throws Exception {
        return Files.writeString(Files.createTempFile("verity-", ".txt"), "Hello.");
    }

    private static void parseTwoAtOnce(IsolatedDocumentParser parser, Path file) throws Exception {
        CompletableFuture<?> other = CompletableFuture.runAsync(() -> {
            try {
                parser.parse(file, "slow-other.txt");
            } catch (DocumentRejectedException e) {
                throw new IllegalStateException(e);
            }
        });
        parser.parse(file, "slow-this.txt");
        other.get(120, TimeUnit.SECONDS);
    }

    @Test
    void endsEveryProcessWhenTheParentIsKilledWithSigkill() throws Exception {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                PoolHolder.class.getName());
        Process parent = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<ProcessHandle> children;
        List<Path> folders;
        try {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertThat(line).startsWith("pids ");
                children = Arrays.stream(line.substring(5).split(" "))
                        .map(Long::parseLong)
                        .map(pid -> ProcessHandle.of(pid).orElseThrow())
                        .toList();
            }
            assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive);
            folders = children.stream()
                    .flatMap(c -> commandLine(c.pid()).stream())
                    .filter(arg -> arg.startsWith("-Djava.io.tmpdir="))
                    .map(arg -> Path.of(arg.substring("-Djava.io.tmpdir=".length())))
                    .toList();
            assertThat(folders).hasSize(2).allMatch(Files::isDirectory);
        } catch (RuntimeException | AssertionError | java.io.IOException e) {
            parent.destroyForcibly(); // never leave the pool holder behind a failed assertion
            throw e;
        }
        parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        parent.waitFor(10, TimeUnit.SECONDS);

        for (ProcessHandle child : children) {
            child.onExit().get(15, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        }
        assertThat(folders)
                .as("the children deleted their temporary folders themselves")
                .hasSize(2)
                .noneMatch(Files::exists);
    }
}
