package dev.verity.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentBuilderTest {

    @Test
    void everyBlockSpanPointsAtExactlyItsTextInTheDocument() {
        ParsedDocument doc = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
                .page(1)
                .heading(1, "Leave")
                .paragraph("Staff   get 25\tdays.\n")
                .page(2)
                .listItem(" Sick leave is unlimited ")
                .build();

        assertThat(doc.blocks()).hasSize(3);
        for (Block block : doc.blocks()) {
            String slice =
                    doc.text().substring(block.span().start(), block.span().end());
            String expected = switch (block) {
                case Block.Heading h -> h.text();
                case Block.Paragraph p -> p.text();
                case Block.ListItem i -> i.text();
                case Block.Note n -> n.text();
                case Block.Table t -> throw new AssertionError("no table here");
            };
            assertThat(slice).isEqualTo(expected);
        }
        assertThat(doc.text()).isEqualTo("Leave\n\nStaff get 25 days.\n\nSick leave is unlimited");
        assertThat(doc.blocks().get(2).page()).isEqualTo(2);
        assertThat(doc.pageCount()).isEqualTo(2);
    }

    @Test
    void tablesKeepHeaderAndRowsWithARowSpanPerRow() {
        ParsedDocument doc = new DocumentBuilder("Prices", "text/csv", DocumentKind.TABLES)
                .table("", List.of("Plan", "Price"), List.of(List.of("Team", "$20"), List.of("", ""), List.of("Pro")))
                .build();

        Block.Table table = (Block.Table) doc.blocks().getFirst();
        assertThat(table.header()).containsExactly("Plan", "Price");
        assertThat(table.rows())
                .extracting(Block.Row::cells)
                .containsExactly(List.of("Team", "$20"), List.of("Pro", ""));
        Block.Row first = table.rows().getFirst();
        assertThat(doc.text().substring(first.span().start(), first.span().end()))
                .isEqualTo("Team | $20");
        assertThat(doc.text()).isEqualTo("Plan | Price\nTeam | $20\nPro | ");
    }

    @Test
    void blankHeaderCellsAreNamedByColumnNumber() {
        ParsedDocument doc = new DocumentBuilder("t", "text/csv", DocumentKind.TABLES)
                .table("", List.of("", "Price"), List.of(List.of("a", "b", "c")))
                .build();

        assertThat(((Block.Table) doc.blocks().getFirst()).header()).containsExactly("Column 1", "Price", "Column 3");
    }

    @Test
    void dropsBlankBlocksAndFallsBackToTheFirstHeadingAsTitle() {
        ParsedDocument doc = new DocumentBuilder("", "text/html", DocumentKind.PROSE)
                .paragraph("  \u00A0 ")
                .heading(2, "Release notes")
                .paragraph("Version 2 is out.")
                .build();

        assertThat(doc.blocks()).hasSize(2);
        assertThat(doc.title()).isEqualTo("Release notes");
        assertThat(doc.isBlank()).isFalse();
    }

    @Test
    void normalizeCollapsesEveryKindOfWhitespaceRunToOneSpaceLikeTheRegexItReplaced() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab \t\n\u000B\f\r\u00A0\u200B\u2003.";
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("[\\s\\u00A0\\u200B]+");
        for (int n = 0; n < 20_000; n++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = raw.toString();
            assertThat(DocumentBuilder.normalize(text))
                    .as("\"%s\"", text)
                    .isEqualTo(reference.matcher(text).replaceAll(" ").strip());
        }
    }

    @Test
    void aDocumentWithoutLettersOrDigitsIsBlank() {
        assertThat(new DocumentBuilder("", "text/plain", DocumentKind.PROSE)
                        .paragraph("— … ·")
                        .build()
                        .isBlank())
                .isTrue();
    }

    @Test
    void rejectsPageNumbersBelowOne() {
        assertThatThrownBy(() -> new DocumentBuilder("", "text/plain", DocumentKind.PROSE).page(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page must be > 0, got 0");
    }
}
