package dev.verity.parsers.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column alignment on hand-made lines: 11 pt text, a line every 14 pt, columns starting at x = 72, 200, 330. */
class PdfTablesTest {
    private static final float[] COLUMNS = {72, 200, 330};
    private static final float SIZE = 11;

    private final List<PdfLine> lines = new ArrayList<>();
    private float y = 100;

    /** A line with a cell per non-null text, at the column starts; a single text makes an unspaced line. */
    private PdfTablesTest line(String... cells) {
        List<PdfLine.Cell> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        float left = Float.MAX_VALUE;
        float right = 0;
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] != null) {
                float x = COLUMNS[c];
                float end = x + cells[c].length() * 0.5f * SIZE;
                parts.add(new PdfLine.Cell(x, end, cells[c]));
                text.append(text.isEmpty() ? "" : " ").append(cells[c]);
                left = Math.min(left, x);
                right = Math.max(right, end);
            }
        }
        boolean spaced = parts.size() > 1;
        lines.add(new PdfLine(
                1,
                text.toString(),
                left,
                right,
                y,
                SIZE,
                false,
                20,
                spaced,
                text.toString().replace(" ", "").length(),
                spaced ? parts : List.of()));
        y += 14;
        return this;
    }

    @Test
    void joinsAWrappedCellLineToTheRowAboveAndSaysSo() {
        line("Item", "Description", "Price")
                .line("Gearbox", "Steel housing with", "40")
                .line(null, "two sealed bearings", null)
                .line("Motor", "Brushless", "95");

        List<PdfTables.Table> tables = PdfTables.find(lines);

        assertThat(tables).singleElement().satisfies(t -> {
            assertThat(t.rows())
                    .containsExactly(
                            List.of("Item", "Description", "Price"),
                            List.of("Gearbox", "Steel housing with two sealed bearings", "40"),
                            List.of("Motor", "Brushless", "95"));
            assertThat(t.warnings())
                    .containsExactly("page 1: table row 1: a wrapped line in column 2 joined to the row above");
        });
    }

    @Test
    void keepsARowWithOnlyItsFirstCellAsARow() {
        line("Region", "Units", "Note").line("North", "12", "ok").line("South").line("East", "7", "late");

        assertThat(PdfTables.find(lines).getFirst().rows())
                .containsExactly(
                        List.of("Region", "Units", "Note"),
                        List.of("North", "12", "ok"),
                        List.of("South", "", ""),
                        List.of("East", "7", "late"));
    }

    @Test
    void findsNoTableInLinesWhoseGapsDoNotLineUp() {
        lines.add(new PdfLine(
                1,
                "a b",
                72,
                300,
                100,
                SIZE,
                false,
                5,
                true,
                2,
                List.of(new PdfLine.Cell(72, 90, "a"), new PdfLine.Cell(150, 300, "b"))));
        lines.add(new PdfLine(
                1,
                "c d",
                72,
                300,
                114,
                SIZE,
                false,
                5,
                true,
                2,
                List.of(new PdfLine.Cell(72, 200, "c"), new PdfLine.Cell(250, 300, "d"))));
        lines.add(new PdfLine(
                1,
                "e f",
                72,
                300,
                128,
                SIZE,
                false,
                5,
                true,
                2,
                List.of(new PdfLine.Cell(72, 90, "e"), new PdfLine.Cell(120, 300, "f"))));

        assertThat(PdfTables.find(lines)).isEmpty();
    }

    @Test
    void needsThreeLinesForATwoColumnTable() {
        line("Name:", "Ada").line("City:", "London");

        assertThat(PdfTables.find(lines)).isEmpty();
    }
}
