package dev.verity.parsers.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Parser processes never outlive their parser, nor the JVM that started them. */
class ProcessLifecycleIT {

    @Test
    void endsEveryProcessOnClose() throws Exception {
        List<Long> pids;
        try (IsolatedDocumentParser parser = new IsolatedDocumentParser(IsolationSettings.defaults(2))) {
            parser.parse(dev.verity.testkit.files.SampleFiles.text(
                    java.nio.file.Files.createTempFile("verity-", ".txt"), "Hello.", StandardCharsets.UTF_8), "a.txt");
            while (parser.processIds().size() < 2) { // the second starts in the background
                Thread.sleep(100);
            }
            pids = parser.processIds();
        }

        assertThat(pids).hasSize(2);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(
                java.util.Optional.of(true)));
    }

    @Test
    void endsEveryProcessWhenTheParentIsKilledWithSigkill() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), PoolHolder.class.getName());
        Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> children;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).startsWith("pids ");
            children = Arrays.stream(line.substring(5).split(" ")).map(Long::parseLong)
                    .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
        }
        assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive);

        parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        parent.waitFor(10, TimeUnit.SECONDS);

        for (ProcessHandle child : children) {
            child.onExit().get(15, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        }
    }

}
