package dev.verity.parsers.isolation;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A parent for {@link ProcessLifecycleIT}: starts a pool of two parser processes, prints their process ids on one
 * line, then waits to be killed.
 */
public final class PoolHolder {
    private PoolHolder() {}

    public static void main(String[] args) throws Exception {
        IsolatedDocumentParser parser = new IsolatedDocumentParser(IsolationSettings.defaults(2));
        Path text = Files.writeString(Files.createTempFile("verity-", ".txt"), "Hello.");
        Thread other = Thread.ofPlatform().start(() -> parseQuietly(parser, text));
        parseQuietly(parser, text); // two at once: both processes run
        other.join();
        System.out.println("pids "
                + parser.processIds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void parseQuietly(IsolatedDocumentParser parser, Path file) {
        try {
            parser.parse(file, "hello.txt");
        } catch (DocumentRejectedException e) {
            throw new IllegalStateException(e);
        }
    }
}
