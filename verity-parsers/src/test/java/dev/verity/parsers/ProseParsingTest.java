package dev.verity.parsers;

import static dev.verity.testkit.files.Element.bullet;
import static dev.verity.testkit.files.Element.heading;
import static dev.verity.testkit.files.Element.paragraph;
import static dev.verity.testkit.files.Element.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.Element;
import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Word processor and e-book formats: the same content written as DOCX, ODT and EPUB must come back alike. */
class ProseParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    static Stream<Arguments> structuredFormats() {
        return Stream.of(
                Arguments.of("guide.docx", (Writer) (file, elements) -> SampleFiles.docx(file, "Pricing", elements)),
                Arguments.of("guide.odt", (Writer) (file, elements) -> SampleFiles.odt(file, "Pricing", elements)),
                Arguments.of("guide.epub", (Writer) (file, elements) -> SampleFiles.epub(file, "Pricing", elements)));
    }

    interface Writer extends BiFunction<Path, List<Element>, Path> {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuredFormats")
    void keepsHeadingLevelsInOrder(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), SampleFiles.PRICING_GUIDE), name);

        assertThat(Blocks.headings(doc)).containsExactly("1 Pricing guide", "2 Plans", "2 Refunds");
        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(doc.title()).isEqualTo("Pricing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuredFormats")
    void putsEachSectionHeadingBeforeItsParagraph(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), SampleFiles.PRICING_GUIDE), name);

        int refunds = Blocks.indexOf(
                doc, b -> b instanceof Block.Heading h && h.text().equals("Refunds"));
        int refundText = Blocks.indexOfText(doc, "Refunds are granted within 30 days");
        assertThat(refundText).isEqualTo(refunds + 1);
        assertThat(doc.blocks().get(refundText)).isInstanceOf(Block.Paragraph.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuredFormats")
    void readsBulletsAsListItemsWithoutTheBulletGlyph(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), SampleFiles.PRICING_GUIDE), name);

        assertThat(Blocks.listItems(doc)).containsExactly("Billed monthly or yearly", "Cancel at any time");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuredFormats")
    void keepsEachTableRowTogetherWithTheHeader(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), SampleFiles.PRICING_GUIDE), name);

        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.headerLine()).isEqualTo("Plan | Price | Seats");
        assertThat(Blocks.rowLines(table))
                .containsExactly(
                        "Starter | $5 | 1 seat", "Team | $20 | 10 seats", "Enterprise | $99 | Unlimited seats");
        Block.Row team = table.rows().get(1);
        assertThat(doc.text().substring(team.span().start(), team.span().end())).isEqualTo("Team | $20 | 10 seats");
    }

    @Test
    void mapsWordHeadingStylesDownToLevelSix() throws Exception {
        List<Element> elements = List.of(
                heading(1, "Part"),
                heading(2, "Chapter"),
                heading(3, "Section"),
                heading(4, "Subsection"),
                heading(5, "Clause"),
                heading(6, "Detail"),
                paragraph("Body text."));
        Path docx = SampleFiles.docx(dir.resolve("levels.docx"), "", elements);

        ParsedDocument doc = PARSER.parse(docx, "levels.docx");

        assertThat(Blocks.headings(doc))
                .containsExactly("1 Part", "2 Chapter", "3 Section", "4 Subsection", "5 Clause", "6 Detail");
        assertThat(doc.title())
                .as("no title in the properties: the first heading")
                .isEqualTo("Part");
    }

    @Test
    void startsEveryEpubChapterInReadingOrderWithoutTheTableOfContents() throws Exception {
        Path epub = SampleFiles.epub(
                dir.resolve("book.epub"),
                "A short book",
                List.of(
                        heading(1, "Chapter one"), paragraph("It was a bright cold day."),
                        heading(1, "Chapter two"), paragraph("The clocks were striking thirteen.")));

        ParsedDocument doc = PARSER.parse(epub, "book.epub");

        assertThat(Blocks.headings(doc)).containsExactly("1 Chapter one", "1 Chapter two");
        assertThat(Blocks.paragraphs(doc))
                .containsExactly("It was a bright cold day.", "The clocks were striking thirteen.");
        assertThat(doc.title()).isEqualTo("A short book");
    }

    @Test
    void readsRtfParagraphsBoldHeadingsAndBullets() throws Exception {
        Path rtf = SampleFiles.rtf(
                dir.resolve("memo.rtf"),
                "Memo",
                List.of(
                        heading(1, "Office move"),
                        paragraph("We move to the new building on 2 March."),
                        bullet("Pack your desk"),
                        bullet("Label the boxes"),
                        paragraph("Größere Möbel bleiben stehen.")));

        ParsedDocument doc = PARSER.parse(rtf, "memo.rtf");

        assertThat(Blocks.headings(doc)).containsExactly("1 Office move");
        assertThat(Blocks.listItems(doc)).containsExactly("Pack your desk", "Label the boxes");
        assertThat(Blocks.paragraphs(doc))
                .containsExactly("We move to the new building on 2 March.", "Größere Möbel bleiben stehen.");
        assertThat(doc.title()).isEqualTo("Memo");
    }

    @Test
    void keepsTheTextOfRtfTablesEvenThoughTikaDropsTheirStructure() throws Exception {
        Path rtf = SampleFiles.rtf(
                dir.resolve("prices.rtf"),
                "",
                List.of(table(List.of("Plan", "Price"), List.of(List.of("Team", "$20")))));

        ParsedDocument doc = PARSER.parse(rtf, "prices.rtf");

        assertThat(doc.text()).contains("Plan", "Price", "Team", "$20");
    }
}
