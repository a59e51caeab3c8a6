package dev.verity.parsers.archive;

import static dev.verity.parsers.archive.Archives.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.verity.ingestion.containers.ContainerLimits;
import dev.verity.ingestion.containers.EmbeddedFile;
import dev.verity.ingestion.containers.ExpansionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader of embedded files takes, and what it refuses to believe from its extractor. */
class EmbeddedFilesReaderTest {
    @TempDir
    Path dir;

    private final EmbeddedFilesReader reader = new EmbeddedFilesReader(EmbeddedFilesReader.inProcess());

    @Test
    void takesAFileWithOneOfItsExtensionsOnlyWhenItsFirstBytesAreOfOneOfItsFormats() throws Exception {
        Path pdf = Archives.pdf(dir.resolve("report.pdf"), "Text.", Map.of());
        Path fakePdf = Files.writeString(dir.resolve("fake.pdf"), "not a PDF at all");
        Path rtf = Files.writeString(dir.resolve("memo.rtf"), "{\\rtf1 Text.}");
        Path ole2 = Archives.xlsWithPackage(dir.resolve("budget.xls"), "Cost", "a.txt", text("A."));

        assertThat(reader.isContainer(pdf, "report.pdf")).isTrue();
        assertThat(reader.isContainer(fakePdf, "fake.pdf")).isFalse();
        assertThat(reader.isContainer(pdf, "report.txt"))
                .as("a PDF named .txt is read as text")
                .isFalse();
        assertThat(reader.isContainer(rtf, "memo.rtf")).isTrue();
        assertThat(reader.isContainer(rtf, "memo.doc"))
                .as("Word saves RTF under .doc: read as RTF")
                .isTrue();
        assertThat(reader.isContainer(ole2, "budget.xls")).isTrue();
        assertThat(reader.isContainer(ole2, "budget.doc")).isTrue();
    }

    @Test
    void refusesAMemberTheExtractorSaysItWroteOutsideTheFolder() throws Exception {
        Path pdf = Archives.pdf(dir.resolve("report.pdf"), "Text.", Map.of());
        Path elsewhere = Files.writeString(dir.resolve("passwd"), "root");
        EmbeddedFilesReader confused =
                new EmbeddedFilesReader((file, name, into, members, bytes) -> new EmbeddedFilesExtractor.Result(
                        List.of(new EmbeddedFile("passwd", elsewhere, 4)), EmbeddedFilesExtractor.Limit.NONE));

        Throwable refused = catchThrowable(() -> confused.read(
                pdf,
                "report.pdf",
                Files.createDirectories(dir.resolve("into")),
                new ExpansionBudget(ContainerLimits.DEFAULTS, Files.size(pdf))));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("outside");
    }

    @Test
    void namesClashingAttachmentsApartAndKeepsTheirBytes() throws Exception {
        Path pdf = Archives.pdfWithAnnotatedFile(
                dir.resolve("report.pdf"), "Text.", "minutes.txt", text("From the annotation."));
        Path both = dir.resolve("both.pdf");
        // the same name once more in the name tree
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            var spec = new org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification();
            spec.setFile("minutes.txt");
            spec.setEmbeddedFile(new org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile(
                    doc, new java.io.ByteArrayInputStream(text("From the name tree."))));
            var tree = new org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("minutes.txt", spec));
            var names = new org.apache.pdfbox.pdmodel.PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            doc.save(both.toFile());
        }

        List<EmbeddedFile> members = reader.read(
                        both,
                        "both.pdf",
                        Files.createDirectories(dir.resolve("into")),
                        new ExpansionBudget(ContainerLimits.DEFAULTS, Files.size(both)))
                .members();

        assertThat(members).extracting(EmbeddedFile::path).containsExactly("minutes.txt", "minutes (2).txt");
        assertThat(Files.readString(members.get(0).file())).isEqualTo("From the name tree.");
        assertThat(Files.readString(members.get(1).file())).isEqualTo("From the annotation.");
    }
}
