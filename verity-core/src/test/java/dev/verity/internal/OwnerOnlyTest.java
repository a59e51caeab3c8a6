package dev.verity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
    @TempDir
    Path root;

    @Test
    void createsMissingFoldersAndTheirMissingParentsAs0700() throws IOException {
        assumeTrue(OwnerOnly.supported(root));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnly.folder(root.resolve("a/b/c"));

        assertThat(permissions(root.resolve("a"))).isEqualTo("rwx------");
        assertThat(permissions(root.resolve("a/b/c"))).isEqualTo("rwx------");
        assertThat(permissions(root)).as("an existing parent is left alone").isEqualTo("rwxr-xr-x");
    }

    @Test
    void tightensAnExistingFolderAndAFile() throws IOException {
        assumeTrue(OwnerOnly.supported(root));
        Path folder = Files.createDirectory(root.resolve("data"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(folder.resolve("f"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnly.folder(folder);
        OwnerOnly.file(file);

        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
