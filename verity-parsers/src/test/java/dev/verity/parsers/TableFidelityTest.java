package dev.verity.parsers;

import static dev.verity.testkit.files.Element.heading;
import static dev.verity.testkit.files.Element.paragraph;
import static dev.verity.testkit.files.Element.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cell of a generated table reaches the parsed table in its row and column, whatever the format: XLSX written
 * with POI (numbers, dates, formulas, empty and merged cells, several and wide sheets), CSV with ragged rows, and
 * born-digital PDF tables found by column alignment.
 */
class TableFidelityTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void keepsEveryCellOfAWorkbookInItsRowAndColumn() throws Exception {
        Path file = dir.resolve("book.xlsx");
        List<String> wideHeader = new ArrayList<>();
        List<String> wideValues = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            wideHeader.add("C" + c);
            wideValues.add("v" + c);
        }
        try (Workbook wb = new XSSFWorkbook()) {
            Sheet sales = wb.createSheet("Sales");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            row(sales, 0, "Region", "Q1", "Q2", "Closed", "Total");
            Row emea = sales.createRow(1);
            emea.createCell(0).setCellValue("EMEA");
            emea.createCell(1).setCellValue(1200);
            emea.createCell(2).setCellValue(1350.5);
            emea.createCell(3).setCellValue(LocalDate.of(2026, 3, 31));
            emea.getCell(3).setCellStyle(date);
            emea.createCell(4).setCellFormula("B2+C2");
            Row apac = sales.createRow(2);
            apac.createCell(0).setCellValue("APAC");
            apac.createCell(2).setCellValue(800); // Q1 and Closed left empty
            apac.createCell(4).setCellFormula("B3+C3");
            Row americas = sales.createRow(3);
            americas.createCell(0).setCellValue("Americas");
            americas.createCell(1).setCellValue("merged across Q1 and Q2");
            sales.addMergedRegion(new CellRangeAddress(3, 3, 1, 2));
            americas.createCell(4).setCellValue(7);
            Sheet wide = wb.createSheet("Wide");
            row(wide, 0, wideHeader.toArray(String[]::new));
            row(wide, 1, wideValues.toArray(String[]::new));
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        ParsedDocument doc = PARSER.parse(file, "book.xlsx");

        List<Block.Table> tables = Blocks.tables(doc);
        assertThat(tables).extracting(Block.Table::name).containsExactly("Sales", "Wide");
        Block.Table sheet = tables.getFirst();
        assertThat(sheet.header()).containsExactly("Region", "Q1", "Q2", "Closed", "Total");
        assertThat(sheet.rows())
                .extracting(Block.Row::cells)
                .containsExactly(
                        List.of("EMEA", "1200", "1350.5", "2026-03-31", "2550.5"),
                        List.of("APAC", "", "800", "", "800"),
                        List.of("Americas", "merged across Q1 and Q2", "", "", "7")); // a merged range: its first cell
        assertThat(tables.get(1).header()).isEqualTo(wideHeader);
        assertThat(tables.get(1).rows().getFirst().cells()).isEqualTo(wideValues);
        // 3 rows × 5 + 1 row × 40 cells, of which APAC's two and the merged range's two are empty
        assertThat(doc.quality().tables()).isEqualTo(2);
        assertThat(doc.quality().tableRows()).isEqualTo(4);
        assertThat(doc.quality().tableCells()).isEqualTo(55);
        assertThat(doc.quality().emptyCells()).isEqualTo(4);
    }

    @Test
    void keepsTheExtraCellsOfRaggedCsvRowsUnderNamedColumnsWithAWarning() throws Exception {
        Path csv = SampleFiles.csv(
                dir.resolve("ragged.csv"),
                ',',
                List.of(
                        List.of("Name", "City"),
                        List.of("Ada", "London", "extra"),
                        List.of("Grace", ""),
                        List.of("Linus")));

        ParsedDocument doc = PARSER.parse(csv, "ragged.csv");

        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.header()).containsExactly("Name", "City", "Column 3");
        assertThat(table.rows())
                .extracting(Block.Row::cells)
                .containsExactly(List.of("Ada", "London", "extra"), List.of("Grace", "", ""), List.of("Linus", "", ""));
        assertThat(doc.quality().warnings())
                .containsExactly("table: 1 row has more cells than the header; the extra columns are named Column 3…");
    }

    @Test
    void findsATableInABornDigitalPdfWithEveryCellInItsRowAndColumn() throws Exception {
        List<String> header = List.of("Plan", "Price", "Seats", "Support");
        List<List<String>> rows = List.of(
                List.of("Starter", "$0", "1 seat", "Forum"),
                List.of("Team", "$20", "10 seats", ""),
                List.of("Business", "$45", "50 seats", "Phone"),
                List.of("Enterprise", "Custom", "Unlimited", "Dedicated"));
        Path pdf = SampleFiles.typesetPdf(
                dir.resolve("plans.pdf"),
                "",
                "",
                List.of(List.of(
                        heading(1, "Plans"),
                        paragraph("Prices are per month and include tax."),
                        table(header, rows),
                        paragraph("All plans can be cancelled at any time."))));

        ParsedDocument doc = PARSER.parse(pdf, "plans.pdf");

        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.header()).isEqualTo(header);
        assertThat(table.rows()).extracting(Block.Row::cells).containsExactlyElementsOf(rows);
        assertThat(table.page()).isEqualTo(1);
        assertThat(Blocks.paragraphs(doc))
                .containsExactly("Prices are per month and include tax.", "All plans can be cancelled at any time.");
        assertThat(doc.quality().tables()).isEqualTo(1);
        assertThat(doc.quality().tableCells()).isEqualTo(16);
        assertThat(doc.quality().emptyCells()).isEqualTo(1);
        assertThat(doc.quality().warnings()).isEmpty();
    }

    private static void row(Sheet sheet, int index, String... cells) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < cells.length; c++) {
            row.createCell(c).setCellValue(cells[c]);
        }
    }
}
