package dev.verity.parsers.isolation;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.parsers.ParserSettings;
import dev.verity.parsers.RoutingDocumentParser;
import dev.verity.parsers.archive.EmbeddedFilesExtractor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The main class of a parser process started by {@link IsolatedDocumentParser}: reads requests from stdin, parses each
 * file from disk with a {@link RoutingDocumentParser} and writes the document or the rejection to stdout. The media
 * type comes with the request when the parent detected it, and is then not detected again.
 *
 * <p>stdout carries the protocol only: before anything else runs, {@code System.out} is pointed at stderr, so a
 * library that prints (or a logger configured for the console) cannot corrupt a frame. The process ends when its
 * stdin closes or its parent process exits, so a parent killed with SIGKILL leaves no parser running; and it halts
 * as out of memory when garbage collection takes over ({@link GcWatchdog}).
 */
public final class ParseWorker {
    private ParseWorker() {}

    public static void main(String[] args) throws IOException {
        run(settings -> of(new RoutingDocumentParser(settings)));
    }

    /** Parses one requested file. */
    @FunctionalInterface
    interface FileParser {
        /** @param mediaType the type the parent detected, or null to detect it here */
        ParsedDocument parse(Path file, String name, String mediaType) throws DocumentRejectedException;
    }

    /** The router, detecting the media type only when the parent did not send it. */
    static FileParser of(RoutingDocumentParser router) {
        return (file, name, mediaType) ->
                mediaType == null ? router.parse(file, name) : router.parse(file, name, mediaType);
    }

    /** The request loop, with the parser made from the settings of each request (one parser per distinct settings). */
    static void run(Function<ParserSettings, FileParser> parsers) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        exitWithParent();
        GcWatchdog.start();
        Map<ParserSettings, FileParser> cache = new HashMap<>();
        cache.put(ParserSettings.defaults(), parsers.apply(ParserSettings.defaults())); // load Tika before "ready"
        Wire.write(out, new Wire.Ready(ProcessHandle.current().pid()));
        while (true) {
            Wire.Request request;
            try {
                request = Wire.read(in, Wire.Request.class);
            } catch (EOFException parentClosedThePipe) {
                deleteOwnTempFolder();
                System.exit(0);
                return;
            }
            FileParser parser = cache.computeIfAbsent(request.settings(), parsers);
            Wire.write(out, answer(parser, request));
        }
    }

    private static Wire.Response answer(FileParser parser, Wire.Request request) {
        try {
            if (request.extract() != null) {
                return new Wire.Response(request.id(), null, null, null, extract(request));
            }
            ParsedDocument doc = parser.parse(Path.of(request.file()), request.name(), request.mediaType());
            return new Wire.Response(request.id(), doc, null, null, null);
        } catch (DocumentRejectedException e) {
            return new Wire.Response(request.id(), null, e.rejection(), null, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Wire.Response(
                    request.id(), null, null, e.toString().lines().findFirst().orElse("?"), null);
        }
    }

    /** The embedded files of the requested file, written where the parent asked, within its limits. */
    private static Wire.Extracted extract(Wire.Request request) {
        Wire.Extract extract = request.extract();
        EmbeddedFilesExtractor.Result result = EmbeddedFilesExtractor.extract(
                Path.of(request.file()), Path.of(extract.into()), extract.maxMembers(), extract.maxBytes());
        return new Wire.Extracted(
                result.members().stream()
                        .map(m -> new Wire.Member(m.path(), m.file().toString(), m.size()))
                        .toList(),
                result.exceeded().name());
    }

    /** The parent may die without closing our stdin (SIGKILL while we parse): then stop at once. */
    private static void exitWithParent() {
        ProcessHandle.current()
                .parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> {
                    deleteOwnTempFolder(); // the parent that would have deleted it is gone
                    Runtime.getRuntime().halt(0);
                }));
    }

    /** The folder the parent made for this process ({@code verity-parser-*}); never any other temporary folder. */
    private static void deleteOwnTempFolder() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (tmp.getFileName() == null || !tmp.getFileName().toString().startsWith("verity-parser-")) {
            return;
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the parent deletes it too when it sees this process end
        }
    }
}
