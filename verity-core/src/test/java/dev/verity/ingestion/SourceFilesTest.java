package dev.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
    @TempDir
    Path dir;

    private Path touch(String relative) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }

    @Test
    void namesFolderFilesByTheirRelativePathInNameOrderAndSkipsHiddenOnes() throws Exception {
        touch("docs/b.pdf");
        touch("docs/a/c.md");
        touch("docs/.git/config");
        touch("docs/.hidden.txt");

        assertThat(SourceFiles.expand(List.of(dir.resolve("docs"))))
                .extracting(SourceFile::source)
                .containsExactly("a/c.md", "b.pdf");
    }

    @Test
    void namesSingleFilesByTheirFileNameAndTakesAFileNamedTwiceOnce() throws Exception {
        Path file = touch("x/report.pdf");

        assertThat(SourceFiles.expand(List.of(file, file)))
                .extracting(SourceFile::source)
                .containsExactly("report.pdf");
    }

    @Test
    void refusesTwoDifferentFilesThatWouldShareAName() throws Exception {
        Path a = touch("a/report.pdf");
        Path b = touch("b/report.pdf");

        assertThatThrownBy(() -> SourceFiles.expand(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("two files would both be named \"report.pdf\"");
    }

    @Test
    void reportsAMissingPath() {
        assertThatThrownBy(() -> SourceFiles.expand(List.of(dir.resolve("nope"))))
                .isInstanceOf(NoSuchFileException.class);
    }
}
