package dev.verity.parsers;

import dev.verity.document.Block;
import dev.verity.document.ParsedDocument;
import java.util.List;
import java.util.function.Predicate;

/** Queries over a parsed document's blocks, so that tests read as statements about structure. */
final class Blocks {
    private Blocks() {}

    /** Headings as "level text", e.g. "2 Plans", in reading order. */
    static List<String> headings(ParsedDocument doc) {
        return doc.blocks().stream()
                .filter(Block.Heading.class::isInstance)
                .map(b -> ((Block.Heading) b).level() + " " + ((Block.Heading) b).text())
                .toList();
    }

    static List<String> listItems(ParsedDocument doc) {
        return doc.blocks().stream()
                .filter(Block.ListItem.class::isInstance)
                .map(b -> ((Block.ListItem) b).text())
                .toList();
    }

    static List<String> paragraphs(ParsedDocument doc) {
        return doc.blocks().stream()
                .filter(Block.Paragraph.class::isInstance)
                .map(b -> ((Block.Paragraph) b).text())
                .toList();
    }

    static List<Block.Table> tables(ParsedDocument doc) {
        return doc.blocks().stream()
                .filter(Block.Table.class::isInstance)
                .map(Block.Table.class::cast)
                .toList();
    }

    /** The one table in the document. */
    static Block.Table onlyTable(ParsedDocument doc) {
        List<Block.Table> tables = tables(doc);
        if (tables.size() != 1) {
            throw new AssertionError("expected one table, found " + tables.size() + " in " + doc.blocks());
        }
        return tables.getFirst();
    }

    /** The rows of a table as their rendered lines, e.g. "Team | $20 | 10 seats". */
    static List<String> rowLines(Block.Table table) {
        return table.rows().stream().map(Block.Row::line).toList();
    }

    /** The first block whose own text contains {@code text}. */
    static Block containing(ParsedDocument doc, String text) {
        return doc.blocks().stream()
                .filter(b -> textOf(doc, b).contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no block contains \"" + text + "\" in " + doc.text()));
    }

    static int indexOf(ParsedDocument doc, Predicate<Block> block) {
        for (int i = 0; i < doc.blocks().size(); i++) {
            if (block.test(doc.blocks().get(i))) {
                return i;
            }
        }
        throw new AssertionError("no matching block in " + doc.blocks());
    }

    static int indexOfText(ParsedDocument doc, String text) {
        return indexOf(doc, b -> textOf(doc, b).contains(text));
    }

    static String textOf(ParsedDocument doc, Block block) {
        return doc.text().substring(block.span().start(), block.span().end());
    }
}
