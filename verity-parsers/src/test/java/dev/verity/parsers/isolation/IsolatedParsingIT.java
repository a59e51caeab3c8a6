package dev.verity.parsers.isolation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that hang, crash or misbehave in a parser process cost that process, never the caller or the next file. */
class IsolatedParsingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static IsolatedDocumentParser parser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startPool() {
        parser = new IsolatedDocumentParser(
                IsolationSettings.defaults(2).withTimeout(TIMEOUT).withMaxHeapBytes(256L * 1024 * 1024),
                MisbehavingParseWorker.class.getName());
    }

    @AfterAll
    static void stopPool() {
        parser.close();
    }

    @Test
    void returnsTheSameDocumentAsTheInProcessParser() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("same.pdf"), "Page one.", "Page two.");

        ParsedDocument isolated = parser.parse(pdf, "same.pdf");

        assertThat(isolated).isEqualTo(new RoutingDocumentParser().parse(pdf, "same.pdf"));
    }

    @Test
    void readsAFileAsTheTypeItsCallerDetectedWithoutDetectingItAgain() throws Exception {
        Path notes = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "Name,City\nAda,London\n", UTF_8);

        ParsedDocument asText = parser.parse(notes, "notes.txt");
        ParsedDocument asCsv = parser.parse(notes, "notes.txt", "text/csv"); // the child reads it as it is told

        assertThat(asText.mediaType()).isEqualTo("text/plain");
        assertThat(asText.blocks()).noneMatch(Block.Table.class::isInstance);
        assertThat(asCsv.mediaType()).isEqualTo("text/csv");
        assertThat(asCsv.blocks()).singleElement().isInstanceOf(Block.Table.class);
        assertThat(asCsv).isEqualTo(new RoutingDocumentParser().parse(notes, "notes.txt", "text/csv"));
    }

    @Test
    void returnsTheSameDocumentsAsTheInProcessParserForEverySampleFile() throws Exception {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        RoutingDocumentParser inProcess = new RoutingDocumentParser();
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(samples)) {
            files = walk.filter(p -> p.getParent().getFileName().toString().matches("corpus|restricted"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(16);

        for (Path file : files) {
            String name = file.getFileName().toString();
            assertThat(parser.parse(file, name)).as(name).isEqualTo(inProcess.parse(file, name));
        }
    }

    @Test
    void rejectsWithTheSameReasonAsTheInProcessParser() throws Exception {
        Path empty = SampleFiles.empty(dir.resolve("empty.pdf"));
        Path encrypted = SampleFiles.encryptedPdf(dir.resolve("locked.pdf"), "secret", "Hidden.");

        for (Path file : List.of(empty, encrypted)) {
            String name = file.getFileName().toString();
            DocumentRejectedException isolated =
                    catchThrowableOfType(DocumentRejectedException.class, () -> parser.parse(file, name));
            DocumentRejectedException local = catchThrowableOfType(
                    DocumentRejectedException.class, () -> new RoutingDocumentParser().parse(file, name));
            assertThat(isolated.rejection()).isEqualTo(local.rejection());
        }
    }

    @Test
    void rejectsAHangingFileAsTimeoutAndServesTheNextFile() throws Exception {
        Path file = SampleFiles.text(dir.resolve("hang.txt"), "Never read.", UTF_8);
        assertServesAGoodFile("before-hang"); // the hanging file then goes to a running process
        List<Path> foldersBefore = parserTempFolders();
        long start = System.nanoTime();

        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> parser.parse(file, "hang.txt"));

        assertThat(e.rejection().reason()).isEqualTo(RejectionReason.TIMEOUT);
        assertThat(parserTempFolders())
                .as("the killed process's folder is gone; its replacement has one")
                .hasSizeLessThanOrEqualTo(foldersBefore.size());
        assertThat(e.rejection().detail())
                .isEqualTo("parsing took longer than 5 s, the limit per file (VERITY_PARSE_TIMEOUT)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(10));
        assertServesAGoodFile("after-hang");
    }

    @Test
    void rejectsAFileThatKillsItsProcessAsParserCrashed() throws Exception {
        Path file = SampleFiles.text(dir.resolve("crash.txt"), "Boom.", UTF_8);

        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> parser.parse(file, "crash.txt"));

        assertThat(e.rejection().reason()).isEqualTo(RejectionReason.PARSER_CRASHED);
        assertThat(e.rejection().detail())
                .isEqualTo("the parser process died on this file: it was killed by signal 6"
                        + " (SIGABRT: a native library aborted)");
        assertServesAGoodFile("after-crash");
    }

    @Test
    void keepsTheProtocolWhenALibraryPrintsToSystemOut() throws Exception {
        Path file = SampleFiles.text(dir.resolve("chatty.txt"), "Quiet text.", UTF_8);

        assertThat(parser.parse(file, "chatty.txt").text()).isEqualTo("Quiet text.");
    }

    @Test
    void rejectsAProcessThatCorruptsItsOutputAsParserCrashed() throws Exception {
        Path file = SampleFiles.text(dir.resolve("scribble.txt"), "Noise.", UTF_8);

        DocumentRejectedException e =
                catchThrowableOfType(DocumentRejectedException.class, () -> parser.parse(file, "scribble.txt"));

        assertThat(e.rejection().reason()).isEqualTo(RejectionReason.PARSER_CRASHED);
        assertThat(e.rejection().detail())
                .startsWith("the parser process died on this file: it sent an unreadable answer (bad frame");
        assertServesAGoodFile("after-scribble");
    }

    @Test
    void replacesAProcessKilledFromOutsideWhileIdle() throws Exception {
        assertServesAGoodFile("warm-up");
        List<Long> before = parser.processIds();
        assertThat(before).isNotEmpty();
        for (long pid : before) {
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        assertServesAGoodFile("after-kill");
    }

    /** The temporary folders of parser processes, one per running process once a dead one's is deleted. */
    private static List<Path> parserTempFolders() throws Exception {
        Thread.sleep(500); // the folder goes when the JVM sees the process end
        try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("verity-parser-"))
                    .toList();
        }
    }

    private static void assertServesAGoodFile(String name) throws Exception {
        Path good = SampleFiles.pdf(dir.resolve(name + ".pdf"), "Still " + name + ".");
        assertThat(parser.parse(good, name + ".pdf").text()).contains("Still " + name);
    }
}
