package dev.verity.parsers.isolation;

import dev.verity.parsers.RoutingDocumentParser;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A parser process for tests only: the real {@link ParseWorker} loop and parser, except that a file whose name starts
 * with {@code hang} never finishes, {@code slow} takes two seconds, {@code crash} ends the JVM as a native abort would (exit 134, no answer),
 * {@code chatty} prints to {@code System.out} before parsing and {@code scribble} writes raw bytes to file descriptor
 * 1, as a native library could. Production code has no such switches.
 */
public final class MisbehavingParseWorker {
    /** Long enough that two files sent at once are certainly parsed at once. */
    static final long SLOW_MILLIS = 2_000;

    private MisbehavingParseWorker() {}

    public static void main(String[] args) throws IOException {
        ParseWorker.run(settings -> {
            ParseWorker.FileParser real = ParseWorker.of(new RoutingDocumentParser(settings));
            return (file, name, mediaType) -> {
                if (name.startsWith("hang")) {
                    while (true) {
                        Thread.onSpinWait();
                    }
                }
                if (name.startsWith("slow")) {
                    try {
                        Thread.sleep(SLOW_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (name.startsWith("crash")) {
                    Runtime.getRuntime().halt(134);
                }
                if (name.startsWith("chatty")) {
                    System.out.println("a library printing to System.out");
                }
                if (name.startsWith("scribble")) {
                    try {
                        FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
                        fd1.write("native noise\n".getBytes(StandardCharsets.US_ASCII));
                        fd1.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return real.parse(file, name, mediaType);
            };
        });
    }
}
