package dev.verity.ingestion;

import dev.verity.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to ingest and the name it is known by.
 *
 * @param path where its bytes are
 * @param source its name in results and citations: the file name, or the path relative to the folder ingested
 */
public record SourceFile(Path path, String source) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Checks.nonBlank(source, "source");
    }
}
