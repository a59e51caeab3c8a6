package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void keepsTheNumberOfThePageEachTextIsOn() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("handbook.pdf"),
                "Employee handbook",
                List.of(
                        "Welcome to Acme.\n\nThis handbook covers leave and expenses.",
                        "Staff get 25 days of paid leave per year.",
                        "Travel expenses are refunded within 14 days."));

        ParsedDocument doc = PARSER.parse(pdf, "handbook.pdf");

        assertThat(doc.pageCount()).isEqualTo(3);
        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(doc.mediaType()).isEqualTo("application/pdf");
        assertThat(Blocks.containing(doc, "Welcome to Acme").page()).isEqualTo(1);
        assertThat(Blocks.containing(doc, "25 days of paid leave").page()).isEqualTo(2);
        assertThat(Blocks.containing(doc, "Travel expenses").page()).isEqualTo(3);
    }

    @Test
    void splitsParagraphsAtBlankLinesAndJoinsTheLinesOfOneParagraph() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("notes.pdf"),
                "First line of the first paragraph\ncontinues on a second line.\n\nA second paragraph.");

        ParsedDocument doc = PARSER.parse(pdf, "notes.pdf");

        assertThat(Blocks.paragraphs(doc))
                .containsExactly(
                        "First line of the first paragraph continues on a second line.", "A second paragraph.");
    }

    @Test
    void wrapsLongLinesWithoutLosingWords() throws Exception {
        String sentence = "Every employee may carry over up to five unused days of leave into the next calendar year, "
                + "provided that the request is made before the end of November and approved by the team lead.";
        Path pdf = SampleFiles.pdf(dir.resolve("policy.pdf"), sentence);

        ParsedDocument doc = PARSER.parse(pdf, "policy.pdf");

        assertThat(Blocks.paragraphs(doc)).containsExactly(sentence);
    }

    @Test
    void takesTheTitleFromTheMetadata() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("a.pdf"), "Expense policy 2026", List.of("Receipts are required."));

        assertThat(PARSER.parse(pdf, "a.pdf").title()).isEqualTo("Expense policy 2026");
    }

    @Test
    void fallsBackOnTheFirstLineForTheTitle() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("untitled.pdf"), "Quarterly report\n\nRevenue grew by 12 percent.");

        assertThat(PARSER.parse(pdf, "untitled.pdf").title()).isEqualTo("Quarterly report");
    }

    @Test
    void readsBulletLinesAsListItems() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("list.pdf"),
                "Bring the following:\n\n\u2022 your badge\n\u2022 a laptop\n\u2022 the signed contract");

        ParsedDocument doc = PARSER.parse(pdf, "list.pdf");

        assertThat(Blocks.listItems(doc)).containsExactly("your badge", "a laptop", "the signed contract");
        assertThat(doc.blocks()).allSatisfy(b -> assertThat(b.page()).isEqualTo(1));
    }

    @Test
    void leavesTheLanguageToThePipeline() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("x.pdf"), "Some English text for the index.");

        assertThat(PARSER.parse(pdf, "x.pdf").language()).isEqualTo(ParsedDocument.UNDETERMINED_LANGUAGE);
    }

    @Test
    void everyBlockSpanPointsAtItsOwnText() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("spans.pdf"), "Intro\n\nPart one.", "Part two.");

        ParsedDocument doc = PARSER.parse(pdf, "spans.pdf");

        for (Block block : doc.blocks()) {
            if (block instanceof Block.Paragraph p) {
                assertThat(Blocks.textOf(doc, p)).isEqualTo(p.text());
            }
        }
    }
}
