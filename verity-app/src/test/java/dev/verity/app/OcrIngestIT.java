package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Scans end to end through the command line with the real {@code tesseract}: a PDF whose only page is an image, a
 * PDF with one scanned page among typed ones and a PNG are ingested, the answer to a question about the scanned
 * sentence cites the scan with its OCR confidence, and the parse-quality report says which pages were OCR'd.
 */
class OcrIngestIT {
    private static final String SCANNED = "The warehouse in Leeds closes at seven in the evening on Fridays.";

    @TempDir
    static Path root;

    static Path data;
    static Map<String, JsonNode> bySource;

    @BeforeAll
    static void ingestScans() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        data = root.resolve("data");
        SampleFiles.scannedPdf(docs.resolve("scan.pdf"), List.of(SCANNED), Set.of(1));
        SampleFiles.scannedPdf(
                docs.resolve("mixed.pdf"),
                List.of(
                        "Opening hours of the Bristol office are nine to five on weekdays.",
                        "The canteen serves lunch from noon until two in the afternoon.",
                        "Visitors must sign in at the reception desk on arrival."),
                Set.of(2));
        SampleFiles.scanImage(
                docs.resolve("note.png"),
                "png",
                300,
                "Parcels for the Glasgow depot are collected every Tuesday morning.");

        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), "--json", docs.toString());
        assertThat(ingest.exitCode()).as(ingest.err() + ingest.out()).isZero();
        bySource = ingest.jsonLines().stream()
                .collect(Collectors.toMap(n -> n.get("source").asString(), n -> n));
    }

    @Test
    void indexesScansAndImagesByOcr() {
        assertThat(bySource).containsOnlyKeys("scan.pdf", "mixed.pdf", "note.png");
        bySource.forEach((source, result) -> assertThat(result.get("status").asString())
                .as(source + ": " + result)
                .isEqualTo("indexed"));
    }

    @Test
    void keepsEachRecognizedPageInTheCacheOfTheDataFolder() throws Exception {
        try (var files = Files.walk(data.resolve("ocr-cache"))) {
            // the scan, the scanned second page of mixed.pdf, the image: written by the parser processes
            assertThat(files.filter(f -> f.toString().endsWith(".page"))).hasSize(3);
        }
    }

    @Test
    void citesTheScannedPageWithItsOcrConfidence() {
        Cli.Result ask =
                Cli.run("ask", "--data", data.toString(), "--json", "When does the Leeds warehouse close on Fridays?");

        JsonNode answer = ask.json();
        assertThat(answer.get("abstained").asBoolean()).as(ask.out()).isFalse();
        assertThat(answer.get("answer").asString()).contains("seven in the evening");
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("source").asString()).isEqualTo("scan.pdf");
        assertThat(citation.get("page").asInt()).isEqualTo(1);
        assertThat(citation.get("ocr_confidence").asDouble()).isBetween(80.0, 100.0);
    }

    @Test
    void citesTextLayerPagesWithoutAnOcrConfidence() {
        JsonNode answer = Cli.run(
                        "ask", "--data", data.toString(), "--json", "What are the opening hours of the Bristol office?")
                .json();

        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("source").asString()).isEqualTo("mixed.pdf");
        assertThat(citation.get("page").asInt()).isEqualTo(1);
        assertThat(citation.get("ocr_confidence").isNull()).isTrue();
    }

    @Test
    void reportsWhichPagesWereOcrdInTheQualityReport() {
        Cli.Result docs = Cli.run("docs", "--data", data.toString(), "--json");
        Map<String, JsonNode> quality = docs.jsonLines().stream()
                .collect(Collectors.toMap(n -> n.get("source").asString(), n -> n.get("quality")));

        assertThat(quality.get("mixed.pdf").get("pages").asInt()).isEqualTo(3);
        assertThat(quality.get("mixed.pdf").get("ocr_pages").asInt()).isEqualTo(1);
        assertThat(quality.get("mixed.pdf").get("ocr").get(0).get("page").asInt())
                .isEqualTo(2);
        assertThat(quality.get("mixed.pdf").get("ocr_share").asDouble()).isEqualTo(0.333);
        assertThat(quality.get("scan.pdf").get("mean_ocr_confidence").asDouble())
                .isGreaterThan(80);
        assertThat(quality.get("note.png").get("ocr_pages").asInt()).isEqualTo(1);

        Cli.Result human = Cli.run("docs", "--data", data.toString(), "--quality");
        assertThat(human.out()).contains("3 pages, OCR 1 page (33%, mean confidence ");
    }

    @Test
    void inspectShowsTheQualityReportAndTheOcrConfidenceOfChunks() {
        Cli.Result inspect =
                Cli.run("inspect", "--chunks", root.resolve("docs/scan.pdf").toString());

        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out())
                .contains("quality: 1 page, OCR 1 page (100%, mean confidence ")
                .containsPattern("pages 1-1, OCR \\d+%")
                .contains(SCANNED);
    }

    @Test
    void offModeRejectsAScanWithAdviceOnTurningOcrOn() {
        Cli.Result off = Cli.run(
                "ingest",
                "--data",
                root.resolve("off").toString(),
                "--ocr",
                "off",
                "--json",
                root.resolve("docs/scan.pdf").toString());

        JsonNode result = off.jsonLines().getFirst();
        assertThat(off.exitCode()).isEqualTo(3);
        assertThat(result.get("reason").asString()).isEqualTo("no_text");
        assertThat(result.get("message").asString()).contains("VERITY_OCR=auto or verity ingest --ocr auto");
    }
}
