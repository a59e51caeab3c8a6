package dev.verity.ingestion.sync;

import dev.verity.ingestion.SourceFile;
import dev.verity.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a source ready to sync: its bytes on disk (absent when a web server answered "not modified"), their
 * hash, and the validators to remember for the next conditional GET.
 *
 * @param source the item's name
 * @param file where its bytes are; empty when unchanged and not downloaded
 * @param sha256 SHA-256 of its bytes
 * @param etag the page's {@code ETag}, when there is one
 * @param lastModified the page's {@code Last-Modified}, when there is one
 */
public record SyncItem(
        String source, Optional<SourceFile> file, String sha256, Optional<String> etag, Optional<String> lastModified) {
    public SyncItem {
        Checks.nonBlank(source, "source");
        Checks.nonBlank(sha256, "sha256");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        if (file.isPresent() && !file.get().source().equals(source)) {
            throw new IllegalArgumentException(
                    "the file is named \"" + file.get().source() + "\", not \"" + source + "\"");
        }
    }

    /** A local file. */
    public static SyncItem of(SourceFile file, String sha256) {
        return new SyncItem(file.source(), Optional.of(file), sha256, Optional.empty(), Optional.empty());
    }

    public SyncPlan.Found found() {
        return new SyncPlan.Found(source, sha256);
    }
}
