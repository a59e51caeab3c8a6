package dev.verity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's own section of a Markdown report, between {@code <!-- name:start … -->} and {@code <!-- name:end -->}. */
final class MarkdownSection {
    private MarkdownSection() {}

    /** Replaces the section named {@code name} in the file with {@code section} (which carries its markers), or appends it. */
    static void replace(Path file, String name, String section) throws IOException {
        String end = "<!-- " + name + ":end -->";
        String text = Files.exists(file) ? Files.readString(file) : "";
        int startAt = text.indexOf("<!-- " + name + ":start");
        int endAt = text.indexOf(end);
        String updated;
        if (startAt >= 0 && endAt > startAt) {
            updated = text.substring(0, startAt) + section + text.substring(endAt + end.length());
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n")
                    + section + "\n";
        }
        Files.writeString(file, updated);
    }
}
