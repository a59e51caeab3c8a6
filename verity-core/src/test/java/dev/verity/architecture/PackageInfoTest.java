package dev.verity.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Habits the build checks on the sources of every module (docs/adr/0012-code-layout.md): each main package says what
 * it is for in a {@code package-info.java} and is {@code @NullMarked}; each top-level package of the core reads as a
 * guide with an example.
 */
class PackageInfoTest {
    /** The repository root: Surefire runs in the module's folder. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static final Path CORE = REPOSITORY.resolve("verity-core/src/main/java/dev/verity");

    @Test
    void everyMainPackageOfEveryModuleHasAGuideAndIsNullMarked() {
        List<Path> packages = mainPackages();
        assertThat(packages).as("main packages found under " + REPOSITORY).hasSizeGreaterThan(50);

        assertThat(packages)
                .filteredOn(p -> !Files.exists(p.resolve("package-info.java")))
                .as("packages without a package-info.java")
                .isEmpty();
        assertThat(packages)
                .filteredOn(p -> !read(p.resolve("package-info.java")).contains("/**"))
                .as("package-info.java without a javadoc guide")
                .isEmpty();
        assertThat(packages)
                .filteredOn(p -> !read(p.resolve("package-info.java")).contains("@NullMarked\npackage "))
                .as("packages not @NullMarked")
                .isEmpty();
    }

    @Test
    void everyTopLevelCorePackageGuideShowsAnExample() throws IOException {
        try (Stream<Path> dirs = Files.list(CORE)) {
            List<Path> topLevel = dirs.filter(Files::isDirectory).toList();

            assertThat(topLevel).hasSizeGreaterThan(10);
            assertThat(topLevel)
                    .filteredOn(p -> !read(p.resolve("package-info.java")).contains("<pre>{@code"))
                    .as("top-level core packages whose guide has no example")
                    .isEmpty();
        }
    }

    private static List<Path> mainPackages() {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/")
                            && !f.toString().contains("/target/"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                    .map(Path::getParent)
                    .distinct()
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
