package dev.verity.ingestion.sync;

import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.internal.Hashing;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lists a folder for a sync, with the same rules as {@code verity ingest} ({@link SourceFiles#expand}). */
public final class FolderSource {
    private FolderSource() {}

    /** The root a folder is recorded under: its absolute, normalized path. */
    public static String root(Path folder) {
        return folder.toAbsolutePath().normalize().toString();
    }

    /**
     * The folder's files, hashed, named by their path relative to it. A file that vanishes or cannot be read while the
     * folder is listed is {@linkplain SourceListing#refused() refused}: its document stays as it is.
     *
     * @throws IllegalArgumentException when {@code folder} is not a folder
     */
    public static SourceListing scan(Path folder) throws NoSuchFileException {
        if (!Files.isDirectory(folder)) {
            if (!Files.exists(folder)) {
                throw new NoSuchFileException(folder.toString(), null, "no such folder");
            }
            throw new IllegalArgumentException(folder + " is a file; verity sync keeps a collection in step with a"
                    + " folder or a URL (use verity ingest for single files)");
        }
        List<SyncItem> items = new ArrayList<>();
        List<SourceListing.Refused> unreadable = new ArrayList<>();
        for (SourceFile file : SourceFiles.expand(List.of(folder))) {
            try {
                items.add(SyncItem.of(file, Hashing.sha256(file.path())));
            } catch (UncheckedIOException e) {
                // locked, or deleted between listing and hashing: left as it is; the next sync sees it as it is then
                unreadable.add(new SourceListing.Refused(
                        file.source(),
                        new Rejection(
                                RejectionReason.UNREADABLE,
                                "cannot read the file: " + e.getCause().getMessage())));
            }
        }
        return new SourceListing(items, unreadable);
    }
}
