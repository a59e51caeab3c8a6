package dev.verity.testkit.files;

import static dev.verity.testkit.files.Markup.rtf;

import java.util.List;

/** Renders elements as Markdown (CommonMark with GFM tables) and as RTF. */
final class TextFormats {
    private TextFormats() {}

    static String markdown(List<Element> elements) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            Element element = elements.get(i);
            boolean listContinues = element instanceof Element.Bullet
                    && i + 1 < elements.size()
                    && elements.get(i + 1) instanceof Element.Bullet;
            switch (element) {
                case Element.Heading h ->
                    out.append("#".repeat(h.level()))
                            .append(' ')
                            .append(h.text())
                            .append('\n');
                case Element.Paragraph p -> out.append(p.text()).append('\n');
                case Element.Bullet b -> out.append("- ").append(b.text()).append('\n');
                case Element.Table t -> {
                    out.append(markdownRow(t.header()));
                    out.append(markdownRow(t.header().stream().map(c -> "---").toList()));
                    t.rows().forEach(r -> out.append(markdownRow(r)));
                }
            }
            if (!listContinues) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String markdownRow(List<String> cells) {
        return "| "
                + String.join(
                        " | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    /** RTF as word processors save it: headings with an outline level, bullets as indented paragraphs, real tables. */
    static String rtfDocument(String title, List<Element> elements) {
        StringBuilder out = new StringBuilder();
        out.append("{\\rtf1\\ansi\\ansicpg1252\\deff0\n{\\fonttbl{\\f0\\fswiss Helvetica;}{\\f1\\fnil Symbol;}}\n");
        if (!title.isEmpty()) {
            out.append("{\\info{\\title ").append(rtf(title)).append("}{\\author verity-testkit}}\n");
        }
        for (Element element : elements) {
            switch (element) {
                case Element.Heading h ->
                    out.append("\\pard\\plain\\outlinelevel")
                            .append(h.level() - 1)
                            .append("\\sb240\\sa120\\b\\fs")
                            .append(36 - 4 * h.level())
                            .append(' ')
                            .append(rtf(h.text()))
                            .append("\\b0\\par\n");
                case Element.Paragraph p ->
                    out.append("\\pard\\plain\\sa120\\fs22 ")
                            .append(rtf(p.text()))
                            .append("\\par\n");
                case Element.Bullet b ->
                    out.append("\\pard\\plain\\fi-360\\li720\\sa60\\fs22 \\bullet\\tab ")
                            .append(rtf(b.text()))
                            .append("\\par\n");
                case Element.Table t -> {
                    appendRtfRow(out, t.header());
                    t.rows().forEach(r -> appendRtfRow(out, r));
                    out.append("\\pard\\plain\\par\n");
                }
            }
        }
        return out.append("}\n").toString();
    }

    private static void appendRtfRow(StringBuilder out, List<String> cells) {
        out.append("\\trowd\\trgaph108");
        for (int c = 1; c <= cells.size(); c++) {
            out.append("\\cellx").append(2400 * c);
        }
        out.append('\n');
        for (String cell : cells) {
            out.append("\\pard\\plain\\intbl\\fs22 ").append(rtf(cell)).append("\\cell\n");
        }
        out.append("\\row\n");
    }
}
