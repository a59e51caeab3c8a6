package dev.verity.parsers.isolation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parser process: its pipes, a thread reading its answers and a thread draining its stderr (a full stderr pipe
 * would block the child). One request at a time; the caller serializes.
 */
final class WorkerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ParseWorker.class);
    /** stderr lines kept to explain a crash. */
    private static final int TAIL_LINES = 40;
    /** How long a process that closed its stdout gets to exit, so its exit code can be read. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    /** What the reader thread saw: a message, or the end of the stream with its cause. */
    private record Closed(IOException cause) {}

    /** How a call ended. */
    sealed interface Outcome {
        record Answered(Wire.Response response) implements Outcome {}

        record TimedOut() implements Outcome {}

        /** The process died or broke the protocol; it is gone (killed if it was not yet). */
        record Died(String detail, boolean outOfMemory) implements Outcome {}
    }

    private final Process process;
    private final DataOutputStream requests;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrDrain;
    private int filesParsed;

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        long pid = process.pid();
        Thread.ofPlatform().daemon().name("verity-parser-" + pid + "-out").start(this::readAnswers);
        this.stderrDrain = Thread.ofPlatform()
                .daemon()
                .name("verity-parser-" + pid + "-err")
                .start(this::drainStderr);
    }

    /**
     * Starts a process in a temporary folder of its own, deleted when the process ends (a killed parser leaves its
     * spool files behind), and waits until it has loaded its parser; on failure nothing is left running.
     *
     * @param command the command line for a temporary folder
     */
    static WorkerProcess start(Function<Path, List<String>> command, Duration startupTimeout) throws IOException {
        Path tmp = Files.createTempDirectory("verity-parser-");
        ProcessBuilder builder = new ProcessBuilder(command.apply(tmp));
        WorkerCommand.scrub(builder.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            deleteTree(tmp);
            throw e;
        }
        process.onExit().thenRun(() -> deleteTree(tmp));
        WorkerProcess worker = new WorkerProcess(process);
        Object first;
        try {
            first = worker.answers.poll(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            worker.kill();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the parser process started", e);
        }
        if (first instanceof Wire.Ready) {
            return worker;
        }
        worker.kill();
        String why = first == null
                ? "it did not get ready within " + startupTimeout.toSeconds() + " s"
                : "it exited with code " + worker.exitCode() + ": " + worker.lastError();
        throw new IOException(
                "the parser process (" + String.join(" ", builder.command()) + ") could not start: " + why);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }

    long pid() {
        return process.pid();
    }

    int filesParsed() {
        return filesParsed;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Outcome call(Wire.Request request, Duration timeout) throws InterruptedException {
        filesParsed++;
        try {
            Wire.write(requests, request);
        } catch (IOException e) {
            return died("it closed its input (" + e.getMessage() + ")");
        }
        Object answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (answer == null) {
            kill();
            return new Outcome.TimedOut();
        }
        if (answer instanceof Wire.Response response && response.id() == request.id()) {
            return new Outcome.Answered(response);
        }
        if (answer instanceof Closed closed && !(closed.cause() instanceof EOFException)) {
            kill();
            return died("it sent an unreadable answer (" + closed.cause().getMessage() + ")");
        }
        if (answer instanceof Closed) {
            return died(null);
        }
        kill();
        return died("it answered out of turn: " + answer);
    }

    /** Closes the process's stdin, which ends it; kills it if it is still running after {@code grace}. */
    void stop(Duration grace) {
        try {
            requests.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome died(String protocolProblem) {
        if (protocolProblem != null) {
            kill();
        }
        int code = exitCode();
        try {
            stderrDrain.join(EXIT_GRACE.toMillis()); // the last words of a dying JVM say why
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String lastError = lastError();
        boolean outOfMemory = lastError.contains("OutOfMemoryError");
        String detail;
        if (protocolProblem != null) {
            detail = protocolProblem;
        } else if (outOfMemory) {
            detail = "it ran out of memory (" + lastError + ")";
        } else if (code > 128) {
            detail = "it was killed by signal " + (code - 128)
                    + switch (code - 128) {
                        case 6 -> " (SIGABRT: a native library aborted)";
                        case 9 -> " (SIGKILL: perhaps the system's out-of-memory killer)";
                        case 11 -> " (SIGSEGV: a native library crashed)";
                        default -> "";
                    };
        } else {
            detail = "it exited with code " + code + (lastError.isEmpty() ? "" : " (" + lastError + ")");
        }
        return new Outcome.Died(detail, outOfMemory);
    }

    /** The exit code, or -1 when the process is (still) running. */
    private int exitCode() {
        try {
            if (process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** The most telling recent stderr line: the last one naming an error, else the last one. */
    private String lastError() {
        synchronized (stderrTail) {
            String last = "";
            for (String line : stderrTail) {
                if (line.contains("Error") || line.contains("Exception") || line.startsWith("#")) {
                    last = line;
                }
            }
            if (last.isEmpty() && !stderrTail.isEmpty()) {
                last = stderrTail.peekLast();
            }
            return last.length() > 200 ? last.substring(0, 199) + "…" : last;
        }
    }

    private void readAnswers() {
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        try {
            answers.add(Wire.read(in, Wire.Ready.class));
            while (true) {
                answers.add(Wire.read(in, Wire.Response.class));
            }
        } catch (IOException e) {
            answers.add(new Closed(e));
        } catch (RuntimeException e) { // Jackson: a frame whose JSON does not make a valid record
            answers.add(new Closed(new IOException(e.getMessage(), e)));
        }
    }

    private void drainStderr() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                LOG.debug("parser process {}: {}", process.pid(), line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line.strip());
                    if (stderrTail.size() > TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
