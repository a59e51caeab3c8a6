package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

/** What the parser refuses to do with untrusted files. */
class SafetyTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void doesNotReadFilesEmbeddedInAPdf() throws Exception {
        Path pdf = dir.resolve("with-attachment.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("The page text.");
                content.endText();
            }
            PDEmbeddedFile file = new PDEmbeddedFile(
                    doc, new ByteArrayInputStream("Text of the embedded file.".getBytes(StandardCharsets.US_ASCII)));
            file.setSubtype("text/plain");
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("embedded.txt");
            spec.setEmbeddedFile(file);
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("embedded.txt", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            doc.save(pdf.toFile());
        }

        ParsedDocument doc = PARSER.parse(pdf, "with-attachment.pdf");

        assertThat(doc.text()).contains("The page text.").doesNotContain("embedded file");
    }

    @Test
    void neverResolvesExternalEntitiesInOpenDocumentXml() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
        String content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "%s">]>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
                xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.2">
                <office:body><office:%s><draw:page><text:p>Visible &xxe; text</text:p></draw:page>\
                <text:p>Visible &xxe; text</text:p></office:%s></office:body></office:document-content>
                """;
        for (String kind : new String[] {"text", "presentation"}) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("mimetype", "application/vnd.oasis.opendocument." + kind);
            entries.put("content.xml", content.formatted(secret.toUri(), kind, kind));
            Path file = SampleFiles.zip(dir.resolve("entity." + (kind.equals("text") ? "odt" : "odp")), entries);

            assertThat(PARSER.parse(file, file.getFileName().toString()).text())
                    .contains("Visible text")
                    .doesNotContain("TOP-SECRET");
        }
    }
}
