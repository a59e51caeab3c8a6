package dev.verity.testkit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes XLSX (XSSF) and legacy XLS (HSSF) workbooks with POI, one sheet per {@link Sheet}. */
final class SpreadsheetWriter {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

    private SpreadsheetWriter() {}

    static void writeXlsx(Path file, List<Sheet> sheets) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            fill(workbook, sheets);
            workbook.getProperties().getCoreProperties().setCreator("verity-testkit");
            workbook.getProperties().getCoreProperties().setCreated(Optional.of(DocxWriter.FIXED_DATE));
            save(workbook, file);
        }
        ZipFiles.fixTimestamps(file);
    }

    static void writeXls(Path file, List<Sheet> sheets) throws IOException {
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            fill(workbook, sheets);
            save(workbook, file);
        }
    }

    private static void fill(Workbook workbook, List<Sheet> sheets) {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("sheets must not be empty");
        }
        for (Sheet spec : sheets) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet(spec.name());
            for (int r = 0; r < spec.rows().size(); r++) {
                List<String> cells = spec.rows().get(r);
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue; // a blank row is a row that was never created
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (value.isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (PLAIN_NUMBER.matcher(value).matches()) {
                        cell.setCellValue(Double.parseDouble(value));
                    } else {
                        cell.setCellValue(value);
                    }
                }
            }
        }
    }

    private static void save(Workbook workbook, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }
}
