package dev.verity.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths a user names into the files to ingest. */
public final class SourceFiles {
    private SourceFiles() {}

    /**
     * Files are taken as they are, named by their file name. Folders are walked recursively in name order, skipping
     * hidden files and folders (names starting with '.'); their files are named by their path relative to the folder,
     * with '/' separators.
     *
     * @throws NoSuchFileException when a path does not exist
     * @throws IllegalArgumentException when two files would get the same name, as {@code a/x.pdf} and {@code b/x.pdf}
     *     given as files do: they would overwrite each other's document
     */
    public static List<SourceFile> expand(List<Path> paths) throws NoSuchFileException {
        List<SourceFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                Path root = path.toAbsolutePath().normalize();
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !isHidden(root.relativize(p)))
                            .sorted()
                            .forEach(p -> files.add(new SourceFile(
                                    p, root.relativize(p).toString().replace('\\', '/'))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list the folder " + path, e);
                }
            } else if (Files.exists(path)) {
                files.add(new SourceFile(path, path.getFileName().toString()));
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such file or folder");
            }
        }
        java.util.Map<String, SourceFile> unique = new java.util.LinkedHashMap<>();
        for (SourceFile file : files) {
            SourceFile other = unique.putIfAbsent(file.source(), file);
            if (other != null && !sameFile(other.path(), file.path())) {
                throw new IllegalArgumentException("two files would both be named \"" + file.source() + "\": "
                        + other.path() + " and " + file.path()
                        + ". Ingest them from their common folder, or in separate runs.");
            }
        }
        return List.copyOf(unique.values());
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
