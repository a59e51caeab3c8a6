package dev.verity.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.testkit.files.Element;
import dev.verity.testkit.files.SampleFiles;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** An archive through the command line: its members are documents that answers cite by provenance. */
class ArchiveIngestIT {
    @TempDir
    Path root;

    @Test
    void aZipsMembersAreIngestedListedCitedAndDeletedWithIt() throws Exception {
        Path data = root.resolve("data");
        Path docx = SampleFiles.docx(
                root.resolve("q3.docx"),
                "Q3 report",
                List.of(Element.heading(1, "Results"), Element.paragraph("Revenue grew twelve percent in Q3.")));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("notes.txt", "The offsite moves to Lisbon in May.");
        Path zip = SampleFiles.zip(root.resolve("bundle.zip"), entries);
        try (var fs = java.nio.file.FileSystems.newFileSystem(zip)) {
            Files.createDirectories(fs.getPath("reports"));
            Files.copy(docx, fs.getPath("reports/q3.docx"));
        }

        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), "--json", zip.toString());

        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isZero();
        JsonNode result = ingest.jsonLines().getFirst();
        assertThat(result.get("status").asString()).isEqualTo("indexed");
        assertThat(result.get("embedded").asInt()).isEqualTo(2);
        assertThat(result.get("message").asString()).isEqualTo("indexed 0 chunks, 2 embedded documents (version 1)");
        String zipId = result.get("document_id").asString();

        List<JsonNode> docs =
                Cli.run("docs", "--data", data.toString(), "--json").jsonLines();
        assertThat(docs)
                .extracting(d -> d.get("source").asString())
                .containsExactly("bundle.zip", "bundle.zip ▸ notes.txt", "bundle.zip ▸ reports/q3.docx");
        assertThat(docs.get(1).get("parent_id").asString()).isEqualTo(zipId);
        assertThat(docs.get(0).get("parent_id").isNull()).isTrue();

        Cli.Result ask = Cli.run("ask", "--data", data.toString(), "--json", "Where does the offsite move to in May?");
        assertThat(ask.json().get("citations"))
                .extracting(c -> c.get("source").asString())
                .contains("bundle.zip ▸ notes.txt");
        assertThat(Cli.run("check", "--data", data.toString()).exitCode())
                .as("a container with no chunks of its own is not drift")
                .isZero();

        Cli.Result delete = Cli.run("delete", "--data", data.toString(), zipId);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(Cli.run("docs", "--data", data.toString(), "--json").jsonLines())
                .isEmpty();
    }

    @Test
    void aFileAttachedToAPdfIsFoundInAParserProcessAndIngestedAsAChildDocument() throws Exception {
        Path data = root.resolve("data");
        Path pdf = root.resolve("report.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Revenue grew twelve percent in Q3.");
                content.endText();
            }
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("minutes.txt");
            spec.setEmbeddedFile(new PDEmbeddedFile(
                    doc, new ByteArrayInputStream("The board approved the Lisbon budget.".getBytes(UTF_8))));
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("minutes.txt", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            doc.save(pdf.toFile());
        }

        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), "--json", pdf.toString());

        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isZero();
        assertThat(ingest.jsonLines().getFirst().get("message").asString())
                .isEqualTo("indexed 1 chunk, 1 embedded document (version 1)");
        assertThat(Cli.run("docs", "--data", data.toString(), "--json").jsonLines())
                .extracting(d -> d.get("source").asString())
                .containsExactly("report.pdf", "report.pdf ▸ minutes.txt");
    }
}
