package dev.verity.parsers;

import static dev.verity.testkit.files.Element.bullet;
import static dev.verity.testkit.files.Element.heading;
import static dev.verity.testkit.files.Element.paragraph;
import static dev.verity.testkit.files.Element.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.Element;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFs whose structure lives only in fonts and positions: headings, paragraphs, running headers and footers. */
class PdfStructureTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    private static final String LEAVE = "Employees receive 25 days of paid annual leave per calendar year.";
    private static final String CARRY_OVER = "Up to 5 unused days of annual leave may be carried over into the next"
            + " calendar year. Days that were carried over expire if they are not taken by 31 March, and they cannot"
            + " be paid out instead.";
    private static final String SICK_LEAVE = "Employees receive 10 days of paid sick leave per calendar year."
            + " A doctor's note is required for sick leave that lasts longer than 3 consecutive working days.";

    @TempDir
    Path dir;

    private ParsedDocument typeset(String header, String footer, List<List<Element>> pages) throws Exception {
        Path pdf = SampleFiles.typesetPdf(dir.resolve("typeset.pdf"), header, footer, pages);
        return PARSER.parse(pdf, "typeset.pdf");
    }

    @Test
    void detectsHeadingsByFontSizeAndWeightWithLevelsFromTheLargest() throws Exception {
        ParsedDocument doc = typeset(
                "",
                "",
                List.of(List.of(
                        heading(1, "Employee Handbook"),
                        paragraph("Edition 2025, owned by People Operations."),
                        heading(2, "3. Leave and Time Off"),
                        paragraph(LEAVE),
                        heading(3, "Carry-over"),
                        paragraph(CARRY_OVER))));

        assertThat(Blocks.headings(doc))
                .containsExactly("1 Employee Handbook", "2 3. Leave and Time Off", "3 Carry-over");
        assertThat(Blocks.paragraphs(doc))
                .containsExactly("Edition 2025, owned by People Operations.", LEAVE, CARRY_OVER);
    }

    @Test
    void keepsAHeadingApartFromTheParagraphAfterIt() throws Exception {
        ParsedDocument doc = typeset("", "", List.of(List.of(heading(2, "3. Leave and Time Off"), paragraph(LEAVE))));

        assertThat(doc.blocks()).hasSize(2);
        assertThat(doc.blocks().get(0)).isInstanceOf(Block.Heading.class);
        assertThat(Blocks.textOf(doc, doc.blocks().get(0))).isEqualTo("3. Leave and Time Off");
        assertThat(Blocks.textOf(doc, doc.blocks().get(1))).isEqualTo(LEAVE);
    }

    @Test
    void joinsTheLinesOfAWrappedParagraphIntoOne() throws Exception {
        ParsedDocument doc = typeset("", "", List.of(List.of(paragraph(CARRY_OVER + " " + SICK_LEAVE))));

        assertThat(Blocks.paragraphs(doc)).containsExactly(CARRY_OVER + " " + SICK_LEAVE);
    }

    @Test
    void keepsParagraphsSeparatedByAGapApart() throws Exception {
        ParsedDocument doc = typeset("", "", List.of(List.of(paragraph(CARRY_OVER), paragraph(SICK_LEAVE))));

        assertThat(Blocks.paragraphs(doc)).containsExactly(CARRY_OVER, SICK_LEAVE);
    }

    @Test
    void endsAParagraphAfterALineThatEndsASentenceAndLeavesRoomForTheNextWord() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("lines.pdf"), "Staff get 25 days of paid leave.\nExpenses are refunded within 14 days.");

        assertThat(Blocks.paragraphs(PARSER.parse(pdf, "lines.pdf")))
                .containsExactly("Staff get 25 days of paid leave.", "Expenses are refunded within 14 days.");
    }

    @Test
    void joinsAWordHyphenatedAtALineEndOnlyBeforeALowercaseContinuation() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("hyphen.pdf"), "The new equip-\nment arrives on Monday and the Acme-\nBuilt racks follow");

        assertThat(Blocks.paragraphs(PARSER.parse(pdf, "hyphen.pdf")))
                .containsExactly("The new equipment arrives on Monday and the Acme- Built racks follow");
    }

    @Test
    void removesRunningHeadersFootersAndPageNumbersButKeepsASentenceThatRepeatsOnce() throws Exception {
        String repeated = "Questions about this report go to the finance team.";
        ParsedDocument doc = typeset(
                "Report 2025 - Page {page} of {pages}",
                "{page}",
                List.of(
                        List.of(heading(1, "Annual report"), paragraph("Revenue grew by 12 percent.")),
                        List.of(paragraph(repeated), paragraph("Costs fell by 3 percent.")),
                        List.of(heading(2, "Outlook"), paragraph("We expect growth to continue.")),
                        List.of(paragraph(repeated), paragraph("Headcount stays flat.")),
                        List.of(paragraph("The board approved this report."))));

        assertThat(doc.pageCount()).isEqualTo(5);
        assertThat(doc.text()).doesNotContain("Report 2025", "Page ");
        assertThat(doc.blocks())
                .noneSatisfy(b -> assertThat(Blocks.textOf(doc, b)).matches("\\d+"));
        assertThat(Blocks.paragraphs(doc))
                .containsExactly(
                        "Revenue grew by 12 percent.",
                        repeated,
                        "Costs fell by 3 percent.",
                        "We expect growth to continue.",
                        repeated,
                        "Headcount stays flat.",
                        "The board approved this report.");
        assertThat(Blocks.containing(doc, "Revenue grew").page()).isEqualTo(1);
        assertThat(Blocks.containing(doc, "Costs fell").page()).isEqualTo(2);
        assertThat(Blocks.containing(doc, "Outlook").page()).isEqualTo(3);
        assertThat(Blocks.containing(doc, "Headcount").page()).isEqualTo(4);
        assertThat(Blocks.containing(doc, "The board").page()).isEqualTo(5);
        assertThat(doc.blocks().stream()
                        .filter(b -> Blocks.textOf(doc, b).equals(repeated))
                        .map(Block::page))
                .containsExactly(2, 4);
    }

    @Test
    void removesBarePageNumbersInTheUsualForms() throws Exception {
        List<String> footers =
                List.of("{page}", "Page {page}", "- {page} -", "Page {page} of {pages}", "{page} / {pages}");
        for (String footer : footers) {
            ParsedDocument doc = typeset(
                    "", footer, List.of(List.of(paragraph("The first page.")), List.of(paragraph("The second page."))));

            assertThat(Blocks.paragraphs(doc)).as(footer).containsExactly("The first page.", "The second page.");
        }
    }

    @Test
    void removesAPageOfPagesFooterFromASinglePage() throws Exception {
        ParsedDocument doc = typeset(
                "",
                "IR-2025-031 - Confidential - Page {page} of {pages}",
                List.of(List.of(heading(1, "Incident Report"), paragraph("Nobody was hurt."))));

        assertThat(Blocks.headings(doc)).containsExactly("1 Incident Report");
        assertThat(Blocks.paragraphs(doc)).containsExactly("Nobody was hurt.");
    }

    @Test
    void takesNeitherBoldSentencesNorTableHeaderRowsNorPlainShortLinesForHeadings() throws Exception {
        ParsedDocument doc = typeset(
                "",
                "",
                List.of(List.of(
                        paragraph("**Safety shoes are required in the robotics lab.**"),
                        paragraph("Short line"),
                        table(List.of("Plan", "Price", "Seats"), List.of(List.of("Team", "$20", "10 seats"))),
                        paragraph("Prices are per month."))));

        assertThat(Blocks.headings(doc)).isEmpty();
        assertThat(Blocks.paragraphs(doc))
                .contains("Safety shoes are required in the robotics lab.", "Short line", "Prices are per month.");
    }

    @Test
    void findsNoHeadingsInADocumentSetInOneFont() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("plain.pdf"),
                "Quarterly report\n\nRevenue grew by 12 percent.",
                "Outlook\n\nWe expect growth to continue.");

        assertThat(Blocks.headings(PARSER.parse(pdf, "plain.pdf"))).isEmpty();
    }

    @Test
    void readsBulletsWithWrappedLinesAsOneListItemEach() throws Exception {
        ParsedDocument doc = typeset(
                "",
                "",
                List.of(List.of(
                        heading(2, "Bring the following"),
                        bullet("your badge"),
                        bullet(CARRY_OVER),
                        bullet("the signed contract"))));

        assertThat(Blocks.headings(doc)).containsExactly("1 Bring the following");
        assertThat(Blocks.listItems(doc)).containsExactly("your badge", CARRY_OVER, "the signed contract");
    }

    @Test
    void takesTheTitleFromTheHeadingTheTextStartsWith() throws Exception {
        ParsedDocument doc = typeset("", "", List.of(List.of(heading(1, "Travel Policy"), paragraph(LEAVE))));

        assertThat(doc.title()).isEqualTo("Travel Policy");
    }

    @Test
    void leavesAPdfWithoutATextLayerToTikaAsBefore() throws Exception {
        Path pdf = dir.resolve("scan.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.addRect(100, 100, 200, 300); // a drawing, no text
                content.fill();
            }
            doc.save(pdf.toFile());
        }

        ParsedDocument doc = PARSER.parse(pdf, "scan.pdf");

        assertThat(doc.blocks()).isEmpty();
        assertThat(doc.pageCount()).isEqualTo(1);
        assertThat(doc.title()).isEqualTo("scan.pdf");
    }

    @Test
    void leavesAPdfWithFormFieldsToTikaSoThatTheFieldValuesAreKept() throws Exception {
        Path pdf = dir.resolve("form.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(font, 11);
                content.newLineAtOffset(72, 770);
                content.showText("Expense claim form");
                content.endText();
            }
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Helv"), font);
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 10 Tf 0 g");
            PDTextField field = new PDTextField(form);
            field.setPartialName("claimant");
            PDAnnotationWidget widget = field.getWidgets().getFirst();
            widget.setRectangle(new PDRectangle(72, 700, 200, 20));
            widget.setPage(page);
            page.getAnnotations().add(widget);
            form.getFields().add(field);
            field.setValue("Jane Doe");
            doc.save(pdf.toFile());
        }

        ParsedDocument doc = PARSER.parse(pdf, "form.pdf");

        assertThat(doc.text()).contains("Expense claim form", "Jane Doe");
    }
}
