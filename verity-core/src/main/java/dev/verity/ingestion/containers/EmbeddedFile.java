package dev.verity.ingestion.containers;

import dev.verity.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One member extracted from a container.
 *
 * @param path the member's path inside its container, with '/' separators, e.g. {@code reports/q3.docx}
 * @param file where its bytes were extracted
 * @param size its size in bytes
 */
public record EmbeddedFile(String path, Path file, long size) {
    public EmbeddedFile {
        Checks.nonBlank(path, "path");
        Objects.requireNonNull(file, "file");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }
}
