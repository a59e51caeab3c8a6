package dev.verity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Folders and files only their owner can read: everything Verity creates in a data folder holds documents, chunks or
 * questions, so on POSIX systems folders are {@code 0700} and files {@code 0600} whatever the umask. On file systems
 * without POSIX permissions (Windows) these calls only create folders and change nothing else.
 *
 * <p>Files written by libraries (H2, Lucene) follow the process umask, which Java cannot set; they stay private
 * because the folders holding them are {@code 0700}.
 */
public final class OwnerOnly {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /**
     * Creates {@code folder} and its missing parents as {@code 0700}, and makes {@code folder} itself {@code 0700} if
     * it already existed (parents that existed are left alone).
     *
     * @return {@code folder}
     * @throws UncheckedIOException if a folder cannot be created or its permissions cannot be changed
     */
    public static Path folder(Path folder) {
        Path absolute = folder.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException raced) {
                    // another process or thread created it first; its permissions are set below
                }
                restrict(p, FOLDER);
            }
            if (missing.isEmpty()) {
                if (!Files.isDirectory(absolute)) {
                    throw new IOException("not a folder");
                }
                restrict(absolute, FOLDER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the private folder " + folder + ": " + reason(absolute, e), e);
        }
        return folder;
    }

    /** Why a folder could not be made, in words: a file in the way is the common case and deserves saying so. */
    private static String reason(Path absolute, IOException e) {
        for (Path p = absolute; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return p + " is a file, not a folder";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Makes a file Verity wrote readable and writable by its owner only.
     *
     * @return {@code file}
     * @throws UncheckedIOException if its permissions cannot be changed
     */
    public static Path file(Path file) {
        try {
            restrict(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " private: " + e, e);
        }
        return file;
    }

    /** Whether {@code path}'s file system has POSIX permissions, i.e. whether the calls here change anything. */
    public static boolean supported(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (supported(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
