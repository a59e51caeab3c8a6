package dev.verity.parsers.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout rules on hand-made lines, for layouts the test PDFs do not produce. */
class PdfLayoutTest {
    private static final float A4_WIDTH = 595;
    private static final float A4_HEIGHT = 842;
    private static final float MARGIN = 72;
    private static final float COLUMN = A4_WIDTH - 2 * MARGIN;
    private static final List<String> TEXTS =
            List.of("Alpha.", "Bravo.", "Charlie.", "Delta.", "Echo.", "Foxtrot.", "Golf.", "Hotel.");

    /** Lines set one after another on a page, each with a width estimated from its characters. */
    private static final class Page {
        final List<PdfLine> lines = new ArrayList<>();
        final int number;
        float y = MARGIN;

        Page(int number) {
            this.number = number;
        }

        /** A line on the next baseline, {@code advance} below the one before. */
        Page line(String text, float advance, float x, float size, boolean bold) {
            y += advance;
            return at(text, x, y, size, bold);
        }

        Page at(String text, float x, float baseline, float size, boolean bold) {
            float charWidth = 0.5f * size;
            float width = Math.min(COLUMN, text.length() * charWidth);
            String firstWord = text.split(" ")[0];
            lines.add(new PdfLine(
                    number,
                    text,
                    x,
                    x + width,
                    baseline,
                    size,
                    bold,
                    firstWord.length() * charWidth,
                    false,
                    text.replace(" ", "").length()));
            return this;
        }

        Page body(String text, float advance) {
            return line(text, advance, MARGIN, 11, false);
        }
    }

    private static List<String> layout(Page... pages) {
        List<PdfLine> lines = new ArrayList<>();
        Map<Integer, float[]> sizes = new HashMap<>();
        for (Page page : pages) {
            lines.addAll(page.lines);
            sizes.put(page.number, new float[] {A4_WIDTH, A4_HEIGHT});
        }
        return PdfLayout.of(lines, sizes).blocks().stream()
                .map(b -> b.page() + " " + b.kind() + (b.level() > 0 ? b.level() : "") + " " + b.text())
                .toList();
    }

    /** A full line of body text: as wide as the column, so the next word could not have fitted. */
    private static String full(String start) {
        StringBuilder text = new StringBuilder(start);
        while (text.length() < COLUMN / 5.5f - 6) {
            text.append(" word");
        }
        return text.toString();
    }

    @Test
    void takesABoldLineRightAboveTheTextForAHeadingWhenItWasBrokenOnPurpose() {
        Page page = new Page(1)
                .line("Carry-over", 0, MARGIN, 11, true)
                .body(full("Up to 5 unused days"), 14)
                .body("may be carried over.", 14);

        assertThat(layout(page))
                .containsExactly(
                        "1 HEADING1 Carry-over",
                        "1 PARAGRAPH " + full("Up to 5 unused days") + " may be carried over.");
    }

    @Test
    void doesNotTakeAFullBoldFirstLineOfAParagraphForAHeading() {
        String bold = full("Never operate the robot");
        Page page = new Page(1)
                .line(bold, 0, MARGIN, 11, true)
                .body(full("without its safety cover"), 14)
                .body("in place.", 14);

        assertThat(layout(page))
                .containsExactly("1 PARAGRAPH " + bold + " " + full("without its safety cover") + " in place.");
    }

    @Test
    void doesNotTakeLargerTextThatReadsLikeAParagraphForAHeading() {
        Page page = new Page(1)
                .line("Our mission is to make warehouses safer.", 0, MARGIN, 16, false)
                .body(full("Body text"), 24)
                .body("continues here.", 14);

        assertThat(layout(page)).first().isEqualTo("1 PARAGRAPH Our mission is to make warehouses safer.");
    }

    @Test
    void splitsParagraphsWithoutSpaceBetweenThemAtTheirFirstLineIndent() {
        Page page = new Page(1)
                .line(full("Staff get leave"), 0, MARGIN + 15, 11, false)
                .body(full("every year"), 14)
                .body("and keep it.", 14)
                .line(full("Expenses are refunded"), 14, MARGIN + 15, 11, false)
                .body("within two weeks.", 14);

        assertThat(layout(page))
                .containsExactly(
                        "1 PARAGRAPH " + full("Staff get leave") + " " + full("every year") + " and keep it.",
                        "1 PARAGRAPH " + full("Expenses are refunded") + " within two weeks.");
    }

    @Test
    void endsAnIndentedBlockWhereTheTextReturnsToTheMargin() {
        Page page = new Page(1)
                .body("The correct form is:", 0)
                .line("Version ::= INTEGER", 14, MARGIN + 20, 11, false)
                .line("Name ::= UTF8String", 14, MARGIN + 20, 11, false)
                .body("Here is the list of types", 14);

        assertThat(layout(page))
                .containsExactly(
                        "1 PARAGRAPH The correct form is:",
                        "1 PARAGRAPH Version ::= INTEGER Name ::= UTF8String",
                        "1 PARAGRAPH Here is the list of types");
    }

    @Test
    void dropsAChaptersRunningHeaderWithItsPageNumberEvenOnFewerThanHalfOfThePages() {
        List<Page> pages = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            Page page = new Page(n);
            if (n <= 3) {
                page.at("Chapter 2: Syntax " + (n + 10), MARGIN, 40, 9, false);
            } else if (n <= 5) {
                page.at("Chapter 3: Tools " + (n + 10), MARGIN, 40, 9, false);
            }
            pages.add(page.at(TEXTS.get(n - 1), MARGIN, 70, 11, false));
        }

        assertThat(layout(pages.toArray(Page[]::new)))
                .containsExactly(
                        "1 PARAGRAPH Alpha.",
                        "2 PARAGRAPH Bravo.",
                        "3 PARAGRAPH Charlie.",
                        "4 PARAGRAPH Chapter 3: Tools 14",
                        "4 PARAGRAPH Delta.",
                        "5 PARAGRAPH Chapter 3: Tools 15",
                        "5 PARAGRAPH Echo.",
                        "6 PARAGRAPH Foxtrot.",
                        "7 PARAGRAPH Golf.",
                        "8 PARAGRAPH Hotel.");
    }

    @Test
    void keepsATitleSetOnTwoLinesAsOneHeading() {
        Page page = new Page(1)
                .line("Tern T2 Autonomous Mobile Robot", 0, MARGIN, 20, true)
                .line("Operator Guide", 24, MARGIN, 20, true)
                .body("Read this guide before first use. Keep it with the robot.", 30);

        assertThat(layout(page))
                .containsExactly(
                        "1 HEADING1 Tern T2 Autonomous Mobile Robot Operator Guide",
                        "1 PARAGRAPH Read this guide before first use. Keep it with the robot.");
    }
}
