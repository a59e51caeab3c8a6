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
                            .forEach(p -> files.add(new SourceFile(p, root.relativize(p).toString().replace('\\', '/'))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list the folder " + path, e);
                }
            } else if (Files.exists(path)) {
                files.add(new SourceFile(path, path.getFileName().toString()));
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such file or folder");
            }
        }
        return files;
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
