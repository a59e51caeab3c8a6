package dev.verity.app;

import static dev.verity.testkit.files.Element.heading;
import static dev.verity.testkit.files.Element.paragraph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.cli.ExitCodes;
import dev.verity.app.config.VerityConfig;
import dev.verity.index.IndexedChunk;
import dev.verity.testkit.files.Email;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import dev.verity.testkit.files.Slide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * End to end through the command line, with real files generated here: every format is ingested, bad files are
 * rejected with typed reasons while the batch goes on, and answers cite the right file, page and section.
 */
class IngestAndAskIT {
    @TempDir
    static Path root;

    static Path data;
    static Cli.Result ingest;
    static Map<String, JsonNode> bySource;

    @BeforeAll
    static void ingestAFolderOfGoodAndBadFiles() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        data = root.resolve("data");
        SampleFiles.pdf(
                docs.resolve("handbook.pdf"),
                "Staff handbook",
                List.of(
                        "Welcome to Acme. This handbook explains how we work.",
                        "Employees receive 27 days of paid annual leave per calendar year.",
                        "Expense reports must be submitted within 45 days."));
        SampleFiles.docx(docs.resolve("pricing.docx"), "Pricing guide", SampleFiles.PRICING_GUIDE);
        SampleFiles.pptx(
                docs.resolve("roadmap.pptx"),
                "Roadmap",
                List.of(
                        Slide.of("Vision", "Robots in every warehouse"),
                        Slide.of("Launch plan", "The Falcon scanner launches in September 2027")));
        SampleFiles.xlsx(
                docs.resolve("inventory.xlsx"),
                Sheet.of(
                        "Stock",
                        List.of("Item", "Warehouse", "Units"),
                        List.of("Gearbox G7", "Leeds", "412"),
                        List.of("Motor M3", "Bristol", "95")));
        Files.createDirectories(docs.resolve("notes"));
        SampleFiles.markdown(
                docs.resolve("notes/meeting.md"),
                List.of(
                        heading(1, "Meeting notes"),
                        heading(2, "Decisions"),
                        paragraph("The quarterly offsite will take place in Lisbon.")));
        SampleFiles.eml(
                docs.resolve("outage.eml"),
                Email.plain(
                        "ops@acme.example",
                        "all@acme.example",
                        "Database outage",
                        ZonedDateTime.parse("2026-03-03T09:15:00Z"),
                        "The billing database was unavailable for 17 minutes on Tuesday."));
        SampleFiles.empty(docs.resolve("empty.txt"));
        SampleFiles.truncated(
                SampleFiles.pdf(root.resolve("whole.pdf"), "Whole", List.of("Some text on a page.")),
                docs.resolve("truncated.pdf"));
        SampleFiles.encryptedPdf(docs.resolve("locked.pdf"), "secret", "Locked contents.");
        SampleFiles.png(docs.resolve("photo.png"));
        SampleFiles.randomBytes(docs.resolve("blob.bin"), 4096, 7);

        ingest = Cli.run("ingest", "--data", data.toString(), "--json", docs.toString());
        bySource = ingest.jsonLines().stream()
                .collect(Collectors.toMap(n -> n.get("source").asString(), n -> n));
    }

    @Test
    void reportsOneResultPerFileAndExitsWith3WhenSomeWereRejected() {
        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(3);
        assertThat(bySource)
                .containsOnlyKeys(
                        "handbook.pdf",
                        "pricing.docx",
                        "roadmap.pptx",
                        "inventory.xlsx",
                        "notes/meeting.md",
                        "outage.eml",
                        "empty.txt",
                        "truncated.pdf",
                        "locked.pdf",
                        "photo.png",
                        "blob.bin");
        for (String good : List.of(
                "handbook.pdf", "pricing.docx", "roadmap.pptx", "inventory.xlsx", "notes/meeting.md", "outage.eml")) {
            JsonNode r = bySource.get(good);
            assertThat(r.get("status").asString()).as(good + ": " + r).isEqualTo("indexed");
            assertThat(r.get("chunks").asInt()).isPositive();
            assertThat(r.get("reason").isNull()).isTrue();
            assertThat(r.get("document_id").asString()).matches("doc_[0-9a-f]{20}");
        }
    }

    @Test
    void rejectsBadFilesWithATypedReasonAndAMessageSayingWhatToDo() {
        assertThat(reason("empty.txt")).isEqualTo("empty");
        assertThat(reason("truncated.pdf")).isEqualTo("corrupt");
        assertThat(reason("locked.pdf")).isEqualTo("encrypted");
        assertThat(reason("photo.png")).isEqualTo("no_text"); // OCR read it and found nothing
        assertThat(reason("blob.bin")).isEqualTo("unsupported_type");
        assertThat(bySource.get("locked.pdf").get("message").asString())
                .contains("password")
                .contains("ingest it again");
        assertThat(bySource.get("truncated.pdf").get("chunks").asInt()).isZero();
    }

    @Test
    void noChunkOfARejectedFileReachesTheIndex() {
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, Map.of()))) {
            for (String bad : List.of("empty.txt", "truncated.pdf", "locked.pdf", "photo.png", "blob.bin")) {
                String id = bySource.get(bad).get("document_id").asString();
                assertThat(verity.components().index().document(id)).as(bad).isEmpty();
            }
        }
    }

    @Test
    void citesThePdfPageTheAnswerIsOn() {
        JsonNode answer = ask("How many days of paid annual leave do employees get?");

        assertThat(answer.get("abstained").asBoolean()).isFalse();
        assertThat(answer.get("answer").asString()).contains("27 days");
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("source").asString()).isEqualTo("handbook.pdf");
        assertThat(citation.get("page").asInt()).isEqualTo(2);
    }

    @Test
    void answersFromATableRowWithItsHeaderAndCitesTheSection() {
        JsonNode answer = ask("What is the price of the Team plan?");

        assertThat(answer.get("answer").asString())
                .contains("Plan | Price | Seats")
                .contains("Team | $20 | 10 seats");
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("source").asString()).isEqualTo("pricing.docx");
        assertThat(citation.get("section").asString()).endsWith("Plans");
        assertThat(citation.get("page").isNull()).isTrue();
    }

    @Test
    void citesTheSlideOfADeckAndTheRowOfASpreadsheet() {
        JsonNode launch = ask("When does the Falcon scanner launch?");
        assertThat(launch.get("citations").get(0).get("source").asString()).isEqualTo("roadmap.pptx");
        assertThat(launch.get("citations").get(0).get("page").asInt()).isEqualTo(2);

        JsonNode stock = ask("How many units of Gearbox G7 are in stock in Leeds?");
        assertThat(stock.get("answer").asString()).contains("Gearbox G7 | Leeds | 412");
        assertThat(stock.get("citations").get(0).get("source").asString()).isEqualTo("inventory.xlsx");
    }

    @Test
    void namesFilesInFoldersByTheirRelativePathAndReadsEmail() {
        assertThat(ask("Where will the quarterly offsite take place?")
                        .get("citations")
                        .get(0)
                        .get("source")
                        .asString())
                .isEqualTo("notes/meeting.md");
        JsonNode outage = ask("How long was the billing database unavailable?");
        assertThat(outage.get("answer").asString()).contains("17 minutes");
        assertThat(outage.get("citations").get(0).get("source").asString()).isEqualTo("outage.eml");
    }

    @Test
    void everyQuoteIsAnExactSubstringOfTheChunkItCites() {
        try (Verity verity = Verity.forQueries(VerityConfig.from(data, Map.of()))) {
            for (String q : List.of(
                    "What is the price of the Team plan?",
                    "How long was the billing database down?",
                    "When are expense reports due?")) {
                for (JsonNode c : ask(q).get("citations")) {
                    String documentId = c.get("document_id").asString();
                    String chunkText = verity.components().index().chunks(documentId).stream()
                            .map(IndexedChunk::chunk)
                            .filter(ch -> ch.id().equals(c.get("chunk_id").asString()))
                            .findFirst()
                            .orElseThrow()
                            .text();
                    assertThat(chunkText).contains(c.get("quote").asString());
                }
            }
        }
    }

    @Test
    void answersWithTheJsonShapeOfTheApi() {
        JsonNode answer = ask("What is the price of the Team plan?");

        assertThat(fieldNames(answer))
                .containsExactly(
                        "answer",
                        "abstained",
                        "confidence",
                        "citations",
                        "generator",
                        "degraded",
                        "degraded_reason",
                        "model",
                        "prompt",
                        "route",
                        "usage",
                        "cached",
                        "trace_id",
                        "timings_ms",
                        "partially_embedded");
        assertThat(answer.get("generator").asString()).isEqualTo("extractive");
        assertThat(answer.get("degraded").asBoolean()).isFalse();
        assertThat(answer.get("model").isNull()).isTrue();
        assertThat(fieldNames(answer.get("usage"))).containsExactly("input_tokens", "output_tokens", "cost_usd");
        assertThat(fieldNames(answer.get("citations").get(0)))
                .containsExactly(
                        "source",
                        "page",
                        "section",
                        "quote",
                        "chunk_id",
                        "document_id",
                        "score",
                        "ocr_confidence",
                        "passage",
                        "vector");
        assertThat(answer.get("trace_id").asString()).matches("[0-9a-f]{32}");
        assertThat(fieldNames(answer.get("timings_ms")))
                .contains("bm25", "embed_query", "vector", "fuse", "generate", "verify", "total");
        assertThat(answer.get("confidence").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void abstainsWhenTheDocumentsDoNotAnswer() {
        JsonNode answer = ask("Who won the football world cup in 1998?");

        assertThat(answer.get("abstained").asBoolean()).isTrue();
        assertThat(answer.get("answer").asString()).contains("do not answer");
    }

    @Test
    void printsAReadableAnswerWithoutJson() {
        Cli.Result result = Cli.run(
                "ask", "--data", data.toString(), "How", "long", "was", "the", "billing", "database", "unavailable?");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("17 minutes").contains("Sources:").contains("[1] outage.eml");
    }

    @Test
    void listsTheIndexedDocuments() {
        Cli.Result docs = Cli.run("docs", "--data", data.toString(), "--json");

        assertThat(docs.exitCode()).isZero();
        assertThat(docs.jsonLines())
                .extracting(n -> n.get("source").asString())
                .containsExactly(
                        "handbook.pdf",
                        "inventory.xlsx",
                        "notes/meeting.md",
                        "outage.eml",
                        "pricing.docx",
                        "roadmap.pptx");
        JsonNode handbook = docs.jsonLines().getFirst();
        assertThat(handbook.get("pages").asInt()).isEqualTo(3);
        assertThat(handbook.get("language").asString()).isEqualTo("en");
        assertThat(handbook.get("media_type").asString()).isEqualTo("application/pdf");
    }

    @Test
    void refusesAMissingPathWithoutAStackTrace() {
        Cli.Result result = Cli.run(
                "ingest", "--data", data.toString(), root.resolve("nope").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).startsWith("error: no such file or folder: ").doesNotContain("Exception");
    }

    @Test
    void readingCommandsRefuseAFolderWithoutDataInsteadOfCreatingOne() {
        Path nowhere = root.resolve("no-data-here");

        Cli.Result ask = Cli.run("ask", "--data", nowhere.toString(), "anything");
        Cli.Result docs = Cli.run("docs", "--data", nowhere.toString());

        assertThat(ask.exitCode()).isEqualTo(2);
        assertThat(ask.err()).contains("no Verity data in").contains("verity ingest");
        assertThat(docs.exitCode()).isEqualTo(2);
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void refusesAnInvalidCollectionNameNamingTheRule() {
        Cli.Result result = Cli.run("ask", "--data", data.toString(), "--collection", "Bad Name!", "anything");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("collection must match").contains("\"Bad Name!\"");
    }

    private static String reason(String source) {
        JsonNode r = bySource.get(source);
        assertThat(r.get("status").asString()).as(source).isEqualTo("rejected");
        return r.get("reason").asString();
    }

    static JsonNode ask(String question) {
        Cli.Result result = Cli.run("ask", "--data", data.toString(), "--json", question);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json();
    }

    static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(node.propertyNames().spliterator(), false).toList();
    }
}
