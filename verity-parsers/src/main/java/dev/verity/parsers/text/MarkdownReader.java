package dev.verity.parsers.text;

import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.TextFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

/**
 * Reads Markdown (CommonMark with GFM pipe tables) from its syntax tree: headings, paragraphs, list items (nested
 * lists flattened in order), tables with their header row, code blocks as paragraphs, block quotes by their content.
 * A YAML front matter block is not text and is dropped.
 */
public final class MarkdownReader implements FormatReader {
    /** {@code ---} on the first line, up to the next line that is {@code ---} or {@code ...}. */
    private static final Pattern FRONT_MATTER =
            Pattern.compile("\\A---[ \\t]*\\R.*?\\R(---|\\.\\.\\.)[ \\t]*(\\R|\\z)", Pattern.DOTALL);

    /** Immutable and thread-safe, per commonmark's documentation. */
    private static final Parser PARSER =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final TextFiles textFiles;

    public MarkdownReader(TextFiles textFiles) {
        this.textFiles = textFiles;
    }

    @Override
    public Result read(Source source, Sink sink) throws IOException {
        readMarkdown(textFiles.read(source.file(), source.mediaType()), sink);
        return Result.NONE;
    }

    private static void readMarkdown(String markdown, Sink sink) {
        Matcher frontMatter = FRONT_MATTER.matcher(markdown);
        String body = frontMatter.lookingAt() ? markdown.substring(frontMatter.end()) : markdown;
        for (Node node = PARSER.parse(body).getFirstChild(); node != null; node = node.getNext()) {
            block(node, sink);
        }
    }

    private static void block(Node node, Sink sink) {
        switch (node) {
            case Heading h -> sink.heading(h.getLevel(), inline(h));
            case Paragraph p -> sink.paragraph(inline(p));
            case BulletList list -> items(list, sink);
            case OrderedList list -> items(list, sink);
            case FencedCodeBlock code -> sink.paragraph(code.getLiteral());
            case IndentedCodeBlock code -> sink.paragraph(code.getLiteral());
            case BlockQuote quote -> children(quote, sink);
            case TableBlock table -> table(table, sink);
            case HtmlBlock html -> sink.paragraph(Jsoup.parse(html.getLiteral()).text());
            default -> {
                // thematic breaks, link reference definitions: no text
            }
        }
    }

    private static void children(Node parent, Sink sink) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            block(child, sink);
        }
    }

    /** One list item per item: its own paragraphs joined, then its nested lists' items. */
    private static void items(Node list, Sink sink) {
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<Node> nested = new ArrayList<>();
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Paragraph || child instanceof Heading) {
                    text.append(' ').append(inline(child));
                } else {
                    nested.add(child);
                }
            }
            sink.listItem(text.toString());
            nested.forEach(n -> block(n, sink));
        }
    }

    private static void table(TableBlock table, Sink sink) {
        List<List<String>> rows = new ArrayList<>();
        collectRows(table, rows);
        if (!rows.isEmpty()) {
            sink.table("", rows.getFirst(), rows.subList(1, rows.size()));
        }
    }

    private static void collectRows(Node node, List<List<String>> rows) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow row) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        cells.add(inline(cell));
                    }
                }
                rows.add(cells);
            } else {
                collectRows(child, rows); // TableHead, TableBody
            }
        }
    }

    /** The text of inline content: literals, code spans, link and image text; raw HTML tags dropped. */
    private static String inline(Node node) {
        StringBuilder out = new StringBuilder();
        appendInline(node, out);
        return out.toString();
    }

    private static void appendInline(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            switch (child) {
                case Text t -> out.append(t.getLiteral());
                case Code c -> out.append(c.getLiteral());
                case SoftLineBreak b -> out.append(' ');
                case HardLineBreak b -> out.append('\n');
                case HtmlInline h -> {
                    // a tag such as <br> or <span>: markup, not text
                }
                default -> appendInline(child, out);
            }
        }
    }
}
