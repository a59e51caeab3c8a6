package dev.verity.app.cli;

import dev.verity.ingestion.jobs.IngestionWorkers.InFlight;
import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes, files or CI logs). */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();

    private ProgressBar(String label, int total, boolean enabled) {
        this.err = System.err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    static ProgressBar onTerminal(String label, int total) {
        return new ProgressBar(label, total, isTerminal());
    }

    void update(int done, String item) {
        if (!enabled || total == 0) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        String name = item.length() > 30 ? "…" + item.substring(item.length() - 29) : item;
        err.printf(
                "\r%s [%s%s] %d/%d  eta %.0fs  %-30s",
                label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, eta, name);
        err.flush();
    }

    /** The bar with the files in work instead of the last item, e.g. {@code 3 in flight: big.pdf 42 s, scan.tiff 12 s}. */
    void inFlight(int done, List<InFlight> files) {
        if (!enabled || total == 0) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        err.printf(
                "\r\033[2K%s [%s%s] %d/%d  %s",
                label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, inFlightText(files, Instant.now()));
        err.flush();
    }

    /** {@code 3 in flight: big.pdf 42 s, scan.tiff 12 s}: the longest-running first, at most three named. */
    static String inFlightText(List<InFlight> files, Instant now) {
        if (files.isEmpty()) {
            return "";
        }
        String named = files.stream()
                .limit(3)
                .map(f -> shortName(f.source()) + " "
                        + Math.max(0, Duration.between(f.since(), now).toSeconds()) + " s")
                .collect(Collectors.joining(", "));
        return files.size() + " in flight: " + named + (files.size() > 3 ? ", …" : "");
    }

    private static String shortName(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        return name.length() > 30 ? "…" + name.substring(name.length() - 29) : name;
    }

    /** A line of its own in place of the bar, e.g. {@code embedding: 1,234 chunks behind}. */
    void status(String text) {
        if (enabled) {
            err.print("\r\033[2K" + text);
            err.flush();
        }
    }

    void clearLine() {
        if (enabled) {
            err.print("\r\033[2K");
            err.flush();
        }
    }

    @Override
    public void close() {
        clearLine();
    }

    /** Console.isTerminal() exists from Java 22; before that a console is only present on a terminal. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
