package dev.verity.parsers.isolation;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.parsing.DocumentParser;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.parsers.archive.EmbeddedFilesExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DocumentParser} that parses every file in a separate, bounded JVM, so that a hostile file cannot take the
 * ingestion process down. A small pool of long-lived parser processes ({@link IsolationSettings#workers()}), each
 * running {@link ParseWorker} around a {@link RoutingDocumentParser}, reads the files from disk and returns the same
 * {@link ParsedDocument} or typed rejection the in-process parser would. On top of that:
 *
 * <ol>
 *   <li>a file that takes longer than {@link IsolationSettings#timeout()} gets its process killed and is rejected as
 *       {@code TIMEOUT};
 *   <li>a process that dies on a file (its capped heap exhausted, a crash in a parser library, a signal) gets the file
 *       rejected as {@code PARSER_CRASHED};
 *   <li>either way a fresh process takes the dead one's place, and the next file is served as usual.
 * </ol>
 *
 * <pre>{@code
 * try (IsolatedDocumentParser parser = new IsolatedDocumentParser(IsolationSettings.defaults(4))) {
 *     ParsedDocument doc = parser.parse(Path.of("handbook.pdf"), "handbook.pdf"); // from any of 4 threads at once
 * }
 * }</pre>
 *
 * <p>Thread-safe; a caller waits while all processes are busy. Starting a process takes a second or two of CPU (a
 * JVM, then Tika's configuration): the pool starts the first at once in the background, the others when every running
 * one is busy, and a replacement for a killed or dead one at once in the background.
 * Close the parser to end the processes; should this JVM die without closing it, each process notices its parent is
 * gone and exits. Do NOT create one per file: that starts a JVM per file.
 */
public final class IsolatedDocumentParser implements DocumentParser, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedDocumentParser.class);
    /** A JVM and Tika start in about two seconds; allow for a machine busy with parsing and embedding. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    /** How long a closed parser process gets to exit on its own before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Replace a process after this many files, so slow leaks in parser libraries never add up. */
    static final int MAX_FILES_PER_PROCESS = 2_000;

    private final IsolationSettings settings;
    private final Function<Path, List<String>> command;
    private final List<Slot> slots = new ArrayList<>();
    /** Idle places, those with a process first: a new process starts only when every running one is busy. */
    private final BlockingDeque<Slot> idle;

    private final AtomicLong requestIds = new AtomicLong();
    private volatile boolean closed;

    public IsolatedDocumentParser(IsolationSettings settings) {
        this(settings, ParseWorker.class.getName());
    }

    /** With another worker main class: the tests use one that can hang or crash on cue. */
    IsolatedDocumentParser(IsolationSettings settings, String workerMainClass) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(workerMainClass, "workerMainClass");
        this.command = tmp -> WorkerCommand.of(settings, workerMainClass, tmp);
        this.idle = new LinkedBlockingDeque<>(settings.workers());
        for (int i = 0; i < settings.workers(); i++) {
            Slot slot = new Slot();
            if (i == 0) {
                slot.startReplacement(); // the first file need not wait for a whole start
            }
            slots.add(slot);
            idle.add(slot);
        }
    }

    public IsolationSettings settings() {
        return settings;
    }

    /** The process ids of the running parser processes, for monitoring (and for tests that kill one). */
    public List<Long> processIds() {
        List<Long> pids = new ArrayList<>();
        for (Slot slot : slots) {
            slot.runningPid().ifPresent(pids::add);
        }
        return pids;
    }

    /**
     * @throws IllegalStateException when the parser is closed, or a parser process cannot be started at all (a broken
     *     installation, not a bad file); the message names the command and the child's error
     */
    @Override
    public ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException {
        return send(file, fileName, null);
    }

    /**
     * Parses a file whose media type the caller detected already ({@link RoutingDocumentParser#detect}): the type is
     * sent to the parser process, which does not detect it again.
     *
     * @throws IllegalStateException as {@link #parse(Path, String)}
     */
    public ParsedDocument parse(Path file, String fileName, String mediaType) throws DocumentRejectedException {
        return send(file, fileName, Objects.requireNonNull(mediaType, "mediaType"));
    }

    /**
     * Writes the files embedded in a PDF, RTF or legacy Office file into {@code into}, in a parser process: finding
     * them takes a parse of the untrusted file, with the same timeout and crash handling as {@link #parse}. The
     * {@link dev.verity.parsers.archive.EmbeddedFilesReader.Extractor} of ingestion.
     *
     * @throws DocumentRejectedException {@code TIMEOUT} or {@code PARSER_CRASHED} as {@link #parse}
     * @throws IllegalStateException as {@link #parse(Path, String)}
     */
    public EmbeddedFilesExtractor.Result extractEmbedded(
            Path file, String fileName, Path into, int maxMembers, long maxBytes) throws DocumentRejectedException {
        Path folder = into.toAbsolutePath();
        Wire.Response response = send(file, fileName, null, new Wire.Extract(folder.toString(), maxMembers, maxBytes));
        if (response.extracted() == null) {
            throw new DocumentRejectedException(
                    RejectionReason.UNPARSEABLE,
                    "the parser failed looking for files embedded in " + name(file, fileName) + ": "
                            + response.failure());
        }
        List<EmbeddedFile> members = new ArrayList<>();
        for (Wire.Member member : response.extracted().members()) {
            members.add(new EmbeddedFile(member.path(), Path.of(member.file()), member.size()));
        }
        return new EmbeddedFilesExtractor.Result(
                members,
                EmbeddedFilesExtractor.Limit.valueOf(response.extracted().exceeded()));
    }

    /** @param mediaType null for the parser process to detect it */
    private ParsedDocument send(Path file, String fileName, String mediaType) throws DocumentRejectedException {
        Wire.Response response = send(file, fileName, mediaType, null);
        if (response.document() != null) {
            return response.document();
        }
        throw new DocumentRejectedException(
                RejectionReason.UNPARSEABLE,
                "the parser failed on " + name(file, fileName) + ": " + response.failure());
    }

    private static String name(Path file, String fileName) {
        return fileName == null || fileName.isBlank() ? String.valueOf(file.getFileName()) : fileName;
    }

    /**
     * One request to an idle parser process: its answer when it is a document, a failure or embedded files; thrown
     * when it is a rejection, a timeout or a crash.
     */
    private Wire.Response send(Path file, String fileName, String mediaType, Wire.Extract extract)
            throws DocumentRejectedException {
        Objects.requireNonNull(file, "file");
        String name = name(file, fileName);
        if (closed) {
            throw new IllegalStateException("the isolated parser is closed");
        }
        Slot slot;
        try {
            slot = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parser process", e);
        }
        try {
            return slot.parse(new Wire.Request(
                    requestIds.incrementAndGet(),
                    file.toAbsolutePath().toString(),
                    name,
                    mediaType,
                    settings.parser(),
                    extract));
        } finally {
            if (slot.hasProcess()) {
                idle.addFirst(slot);
            } else {
                idle.addLast(slot);
            }
        }
    }

    /** Ends every parser process: closes its input, then kills it if it has not exited within two seconds. */
    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            slot.stop();
        }
    }

    /** One place in the pool: the process serving it, or the one starting to replace it. */
    private final class Slot {
        /** Null until the place is first needed. */
        private CompletableFuture<WorkerProcess> process;

        synchronized boolean hasProcess() {
            return process != null;
        }

        synchronized void startReplacement() {
            if (closed) { // a parse that raced close() must not leave a process behind
                process = CompletableFuture.failedFuture(new IOException("the isolated parser is closed"));
                return;
            }
            process = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return WorkerProcess.start(command, STARTUP_TIMEOUT);
                        } catch (IOException e) {
                            throw new CompletionException(e);
                        }
                    },
                    task -> Thread.ofPlatform()
                            .daemon()
                            .name("verity-parser-start")
                            .start(task));
        }

        synchronized Optional<Long> runningPid() {
            WorkerProcess worker = process == null ? null : process.getNow(null);
            return worker != null && worker.isAlive() ? Optional.of(worker.pid()) : Optional.empty();
        }

        Wire.Response parse(Wire.Request request) throws DocumentRejectedException {
            WorkerProcess worker = await();
            WorkerProcess.Outcome outcome;
            try {
                outcome = worker.call(request, settings.timeout());
            } catch (InterruptedException e) {
                worker.kill(); // its answer would be read as the next file's
                startReplacement();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parsing " + request.name(), e);
            }
            switch (outcome) {
                case WorkerProcess.Outcome.Answered answered -> {
                    if (worker.filesParsed() >= MAX_FILES_PER_PROCESS) {
                        worker.stop(STOP_GRACE);
                        startReplacement();
                    }
                    return result(answered.response(), request);
                }
                case WorkerProcess.Outcome.TimedOut timedOut -> {
                    startReplacement();
                    LOG.warn(
                            "parser process {} killed after {} s on {}",
                            worker.pid(),
                            settings.timeout().toSeconds(),
                            request.name());
                    throw new DocumentRejectedException(
                            RejectionReason.TIMEOUT,
                            String.format(
                                    Locale.ROOT,
                                    "parsing took longer than %s, the limit per file (VERITY_PARSE_TIMEOUT)",
                                    describe(settings.timeout())));
                }
                case WorkerProcess.Outcome.Died died -> {
                    if (closed) {
                        throw new IllegalStateException(
                                "the isolated parser was closed while parsing " + request.name());
                    }
                    startReplacement();
                    LOG.warn("parser process {} died on {}: {}", worker.pid(), request.name(), died.detail());
                    String limit = died.outOfMemory()
                            ? String.format(
                                    Locale.ROOT,
                                    "; its heap is limited to %d MiB (VERITY_PARSE_MEMORY)",
                                    settings.maxHeapBytes() / (1024 * 1024))
                            : "";
                    throw new DocumentRejectedException(
                            RejectionReason.PARSER_CRASHED,
                            "the parser process died on this file: " + died.detail() + limit);
                }
            }
        }

        private synchronized WorkerProcess await() {
            if (process == null) {
                startReplacement();
            }
            try {
                WorkerProcess worker = process.join();
                if (!worker.isAlive()) { // killed from outside while idle
                    startReplacement();
                    worker = process.join();
                }
                return worker;
            } catch (CompletionException e) {
                startReplacement(); // try again on the next file: the cause may pass
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(cause.getMessage(), cause);
            }
        }

        void stop() {
            CompletableFuture<WorkerProcess> current;
            synchronized (this) {
                current = process;
            }
            if (current == null) {
                return;
            }
            try {
                current.join().stop(STOP_GRACE); // a process still starting is waited for, never left behind
            } catch (CompletionException | java.util.concurrent.CancellationException notStarted) {
                // nothing runs
            }
        }
    }

    private static DocumentRejectedException rejection(Rejection rejection) {
        return new DocumentRejectedException(rejection, null);
    }

    /** The answer, unless it is a rejection. */
    private static Wire.Response result(Wire.Response response, Wire.Request request) throws DocumentRejectedException {
        if (response.rejection() != null) {
            throw rejection(response.rejection());
        }
        return response;
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds > 0 && duration.toMillis() % 1000 == 0 ? seconds + " s" : duration.toMillis() + " ms";
    }
}
