package dev.verity.catalog;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Originals of ingested files, addressed by the SHA-256 of their bytes: storing the same content twice keeps one
 * copy. Implementations: {@link FileSystemBlobStore} (a folder in the data folder); an S3-compatible store fits the
 * same seam.
 */
public interface BlobStore {

    /** Stores a copy of the file (unless the same content is stored already) and returns its SHA-256 in hex. */
    String put(Path file);

    /** Where the content's bytes can be read, if stored. */
    Optional<Path> path(String sha256);

    /** @return true when the content was stored and is now removed */
    boolean delete(String sha256);

    /** Every stored content hash. */
    Set<String> list();
}
