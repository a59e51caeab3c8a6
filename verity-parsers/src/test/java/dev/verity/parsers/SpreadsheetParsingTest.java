package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spreadsheets and delimited text: a row must stay one unit with its header. */
class SpreadsheetParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    private static final Sheet PLANS = Sheet.of(
            "Plans",
            List.of("Plan", "Price", "Seats"),
            List.of("Starter", "$5", "1 seat"),
            List.of("Team", "$20", "10 seats"));
    private static final Sheet REGIONS = Sheet.of(
            "Regions",
            List.of("Region", "Manager", "Offices"),
            List.of("EMEA", "Dana Smith", "12"),
            List.of("APAC", "Ken Ito", "7"));

    @TempDir
    Path dir;

    interface Writer extends BiFunction<Path, Sheet[], Path> {}

    static Stream<Arguments> workbooks() {
        return Stream.of(
                Arguments.of("book.xlsx", (Writer) SampleFiles::xlsx),
                Arguments.of("book.xls", (Writer) SampleFiles::xls),
                Arguments.of("book.ods", (Writer) SampleFiles::ods));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workbooks")
    void makesOneTablePerSheetUnderTheSheetName(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), new Sheet[] {PLANS, REGIONS}), name);

        assertThat(doc.kind()).isEqualTo(DocumentKind.TABLES);
        assertThat(Blocks.headings(doc)).containsExactly("1 Plans", "1 Regions");
        assertThat(Blocks.tables(doc)).extracting(Block.Table::name).containsExactly("Plans", "Regions");
        int regions = Blocks.indexOf(
                doc, b -> b instanceof Block.Heading h && h.text().equals("Regions"));
        assertThat(doc.blocks().get(regions + 1)).isInstanceOf(Block.Table.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workbooks")
    void keepsEveryRowWholeWithTheFirstRowAsHeader(String name, Writer writer) throws Exception {
        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), new Sheet[] {PLANS, REGIONS}), name);

        Block.Table plans = Blocks.tables(doc).getFirst();
        assertThat(plans.headerLine()).isEqualTo("Plan | Price | Seats");
        assertThat(Blocks.rowLines(plans)).containsExactly("Starter | $5 | 1 seat", "Team | $20 | 10 seats");
        Block.Table regions = Blocks.tables(doc).get(1);
        assertThat(Blocks.rowLines(regions)).containsExactly("EMEA | Dana Smith | 12", "APAC | Ken Ito | 7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workbooks")
    void takesTheFirstNonEmptyRowAsHeaderAndKeepsBlankCellsInPlace(String name, Writer writer) throws Exception {
        Sheet sparse = Sheet.of(
                "Sparse",
                List.of(),
                List.of("", "Item", "Qty", "Note"),
                List.of("", "Bolts", "40", ""),
                List.of("", "Nuts", "", "out of stock"));

        ParsedDocument doc = PARSER.parse(writer.apply(dir.resolve(name), new Sheet[] {sparse}), name);

        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.header()).containsExactly("Item", "Qty", "Note");
        assertThat(table.rows())
                .extracting(Block.Row::cells)
                .containsExactly(List.of("Bolts", "40", ""), List.of("Nuts", "", "out of stock"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workbooks")
    void titlesAWorkbookByItsFileNameNotItsFirstSheet(String name, Writer writer) throws Exception {
        assertThat(PARSER.parse(writer.apply(dir.resolve(name), new Sheet[] {PLANS}), name)
                        .title())
                .isEqualTo(name);
    }

    @Test
    void readsACsvFileAsOneTableWithItsHeader() throws Exception {
        Path csv = SampleFiles.csv(
                dir.resolve("plans.csv"),
                ',',
                List.of(
                        List.of("Plan", "Price", "Seats"),
                        List.of("Team", "$20", "10 seats"),
                        List.of("Enterprise", "$99", "Unlimited, with SSO")));

        ParsedDocument doc = PARSER.parse(csv, "plans.csv");

        assertThat(doc.kind()).isEqualTo(DocumentKind.TABLES);
        assertThat(doc.mediaType()).isEqualTo("text/csv");
        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.headerLine()).isEqualTo("Plan | Price | Seats");
        assertThat(Blocks.rowLines(table))
                .containsExactly("Team | $20 | 10 seats", "Enterprise | $99 | Unlimited, with SSO");
    }

    @Test
    void detectsTheSemicolonOfCsvFilesWrittenWithADecimalComma() throws Exception {
        Path csv = SampleFiles.csv(
                dir.resolve("preise.csv"),
                ';',
                List.of(
                        List.of("Produkt", "Preis", "Menge"),
                        List.of("Käse", "3,50", "2"),
                        List.of("Brot", "2,10", "1")));

        Block.Table table = Blocks.onlyTable(PARSER.parse(csv, "preise.csv"));

        assertThat(table.header()).containsExactly("Produkt", "Preis", "Menge");
        assertThat(Blocks.rowLines(table)).containsExactly("Käse | 3,50 | 2", "Brot | 2,10 | 1");
    }

    @Test
    void readsTabSeparatedValues() throws Exception {
        Path tsv = SampleFiles.csv(
                dir.resolve("staff.tsv"), '\t', List.of(List.of("Name", "Team"), List.of("Ada", "Platform, Infra")));

        ParsedDocument doc = PARSER.parse(tsv, "staff.tsv");

        assertThat(doc.mediaType()).isEqualTo("text/tab-separated-values");
        assertThat(Blocks.rowLines(Blocks.onlyTable(doc))).containsExactly("Ada | Platform, Infra");
    }

    @Test
    void ignoresTheByteOrderMarkOfCsvFilesSavedByExcel() throws Exception {
        Path csv = SampleFiles.text(dir.resolve("bom.csv"), "\uFEFFName,City\nAda,London\n", StandardCharsets.UTF_8);

        assertThat(Blocks.onlyTable(PARSER.parse(csv, "bom.csv")).header()).containsExactly("Name", "City");
    }
}
