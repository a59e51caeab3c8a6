package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.verity.internal.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder holds the documents, their chunks and the questions asked: after a real {@code verity ingest} into a
 * fresh folder, no folder under it lets anyone but its owner in, and the files Verity writes itself (the originals)
 * are owner-only too. Files H2 and Lucene write follow the umask but sit in those {@code 0700} folders.
 */
class DataFolderPermissionsIT {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path root;

    @Test
    void ingestingIntoAFreshFolderLeavesEveryFolderAndEveryOriginalOwnerOnly() throws IOException {
        assumeTrue(OwnerOnly.supported(root), "POSIX permissions");
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("handbook.txt"), "Employees receive 27 days of paid annual leave.\n");
        Files.writeString(docs.resolve("notes.md"), "# Notes\n\nThe Falcon scanner launches in September.\n");
        Path data = root.resolve("fresh").resolve("data");

        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), docs.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(data.resolve("index")).isDirectory();
        assertThat(data.resolve("db")).isDirectory();
        assertThat(data.resolve("blobs")).isDirectory();
        List<Path> folders;
        List<Path> blobs;
        try (Stream<Path> all = Files.walk(data)) {
            folders = all.filter(Files::isDirectory).toList();
        }
        try (Stream<Path> all = Files.walk(data.resolve("blobs"))) {
            blobs = all.filter(Files::isRegularFile).toList();
        }
        assertThat(folders).hasSizeGreaterThan(3);
        for (Path folder : folders) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .as(folder.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(blobs).hasSize(2);
        for (Path blob : blobs) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob)))
                    .as(blob.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.getPosixFilePermissions(data.getParent()))
                .as("a parent Verity created")
                .doesNotContainAnyElementsOf(GROUP_OR_OTHER);
    }

    @Test
    void anExistingDataFolderIsMadeOwnerOnlyWhenWrittenTo() throws IOException {
        assumeTrue(OwnerOnly.supported(root), "POSIX permissions");
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("notes.md"), "# Notes\n\nThe Falcon scanner launches in September.\n");
        Path data = Files.createDirectories(root.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), docs.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(Files.getPosixFilePermissions(data)).doesNotContainAnyElementsOf(GROUP_OR_OTHER);
    }
}
