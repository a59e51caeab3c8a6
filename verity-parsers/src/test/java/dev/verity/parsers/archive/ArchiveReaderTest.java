package dev.verity.parsers.archive;

import static dev.verity.parsers.archive.Archives.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.ContainerReader;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.containers.ExpansionBudget;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members come out of every archive format with their paths, inside the scratch folder and within the budget. */
class ArchiveReaderTest {
    private static final Map<String, byte[]> TWO =
            members("reports/q3.txt", "Revenue grew 12% in Q3.", "notes.txt", "Remember the offsite.");

    @TempDir
    Path dir;

    private final ArchiveReader reader = new ArchiveReader();

    private static Map<String, byte[]> members(String... pathsAndTexts) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            members.put(pathsAndTexts[i], text(pathsAndTexts[i + 1]));
        }
        return members;
    }

    private ContainerReader.Container read(Path archive, ContainerLimits limits) throws Exception {
        Path into = Files.createDirectories(dir.resolve("out-" + archive.getFileName()));
        return reader.read(
                archive, archive.getFileName().toString(), into, new ExpansionBudget(limits, Files.size(archive)));
    }

    private static Map<String, String> contents(ContainerReader.Container container) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        for (EmbeddedFile member : container.members()) {
            contents.put(member.path(), Files.readString(member.file(), StandardCharsets.UTF_8));
            assertThat(member.size()).isEqualTo(Files.size(member.file()));
        }
        return contents;
    }

    @Test
    void readsTheMembersOfEveryArchiveFormatInTheirOrder() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("reports/q3.txt", "Revenue grew 12% in Q3.");
        expected.put("notes.txt", "Remember the offsite.");
        for (Path archive : List.of(
                Archives.zip(dir.resolve("bundle.zip"), TWO),
                Archives.tar(dir.resolve("bundle.tar"), TWO),
                Archives.tarGz(dir.resolve("bundle.tar.gz"), TWO),
                Archives.tarGz(dir.resolve("bundle.tgz"), TWO),
                Archives.tarBz2(dir.resolve("bundle.tar.bz2"), TWO),
                Archives.sevenZ(dir.resolve("bundle.7z"), TWO))) {
            ContainerReader.Container container = read(archive, ContainerLimits.DEFAULTS);

            assertThat(contents(container)).as(archive.getFileName().toString()).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void aCompressedSingleFileIsOneMemberNamedWithoutTheSuffix() throws Exception {
        Path gz = Archives.gz(dir.resolve("minutes.txt.gz"), text("The board met on Monday."));

        ContainerReader.Container container = read(gz, ContainerLimits.DEFAULTS);

        assertThat(container.mediaType()).isEqualTo("application/gzip");
        assertThat(contents(container)).containsExactly(Map.entry("minutes.txt", "The board met on Monday."));
    }

    @Test
    void decidesByExtensionSoOfficeFilesAreNotArchives() {
        assertThat(reader.isContainer(dir.resolve("x"), "bundle.ZIP")).isTrue();
        assertThat(reader.isContainer(dir.resolve("x"), "a ▸ b/logs.tar.bz2")).isTrue();
        assertThat(reader.isContainer(dir.resolve("x"), "report.docx")).isFalse();
        assertThat(reader.isContainer(dir.resolve("x"), "book.epub")).isFalse();
        assertThat(reader.isContainer(dir.resolve("x"), "archive.rar")).isFalse();
    }

    @Test
    void aMemberNamedToEscapeIsWrittenInsideTheScratchFolderAndLabelledWithoutTheDotDots() throws Exception {
        Path zip = Archives.zip(dir.resolve("evil.zip"), members("../../etc/passwd", "root:x:0:0", "/abs/x.txt", "y"));

        ContainerReader.Container container = read(zip, ContainerLimits.DEFAULTS);

        assertThat(container.members()).extracting(EmbeddedFile::path).containsExactly("etc/passwd", "abs/x.txt");
        Path into = dir.resolve("out-evil.zip");
        assertThat(container.members())
                .allSatisfy(m -> assertThat(m.file().getParent()).isEqualTo(into));
    }

    @Test
    void skipsFoldersAndMacOsBookkeeping() throws Exception {
        Path zip = Archives.zip(
                dir.resolve("mac.zip"),
                members("docs/", "", "__MACOSX/docs/._a.txt", "junk", "docs/.DS_Store", "junk", "docs/a.txt", "A"));

        assertThat(read(zip, ContainerLimits.DEFAULTS).members())
                .extracting(EmbeddedFile::path)
                .containsExactly("docs/a.txt");
    }

    @Test
    void aHighlyCompressedMemberIsRefusedNamingTheRatioLimit() {
        // 64 MiB of zeros deflate to about 64 KB: about 1,000:1, over 100:1 once 1 MiB is out
        Path bomb = Archives.zeros(dir.resolve("bomb.zip"), "zeros.txt", 64L << 20);

        assertThatThrownBy(() -> read(bomb, ContainerLimits.DEFAULTS))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
                    assertThat(e.rejection().detail()).contains("compression-ratio limit 100:1");
                });
    }

    @Test
    void tooManyMembersAreRefusedNamingTheMemberCountLimit() {
        Path zip = Archives.zip(dir.resolve("many.zip"), members("a.txt", "a", "b.txt", "b", "c.txt", "c"));

        assertThatThrownBy(() -> read(zip, new ContainerLimits(3, 2, 1 << 30, 100)))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().detail())
                                .isEqualTo("it holds more than 2 members (member-count limit 2; reached at c.txt)"));
    }

    @Test
    void expandingPastTheByteLimitIsRefusedNamingIt() {
        Path zip = Archives.zip(dir.resolve("big.zip"), members("a.txt", "x".repeat(5_000)));

        assertThatThrownBy(() -> read(zip, new ContainerLimits(3, 10, 4_096, 100)))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(RejectionReason.RESOURCE_LIMIT);
                    assertThat(e.rejection().detail())
                            .isEqualTo("it expands to more than 4096 bytes (expanded-bytes limit 4096)");
                });
    }

    @Test
    void aDamagedArchiveIsRejectedAsCorrupt() throws Exception {
        Path zip = Archives.zip(dir.resolve("whole.zip"), TWO);
        byte[] bytes = Files.readAllBytes(zip);
        Path broken = Files.write(dir.resolve("broken.7z"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> read(broken, ContainerLimits.DEFAULTS))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.CORRUPT));
    }
}
