package dev.verity.testkit.files;

import static dev.verity.testkit.files.Markup.xml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes OpenDocument text (ODT) and spreadsheet (ODS) packages by hand: the {@code mimetype} entry, a manifest,
 * {@code meta.xml} with the title and {@code content.xml}. That is the minimum LibreOffice and Tika accept.
 */
final class OdfWriter {
    static final String TEXT_TYPE = "application/vnd.oasis.opendocument.text";
    static final String SPREADSHEET_TYPE = "application/vnd.oasis.opendocument.spreadsheet";
    static final String PRESENTATION_TYPE = "application/vnd.oasis.opendocument.presentation";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");
    private static final String NAMESPACES = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
            + " xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\""
            + " office:version=\"1.2\"";

    private OdfWriter() {}

    static void writeText(Path file, String title, List<Element> elements) throws IOException {
        StringBuilder body = new StringBuilder();
        int tables = 0;
        for (int i = 0; i < elements.size(); i++) {
            switch (elements.get(i)) {
                case Element.Heading h ->
                    body.append("<text:h text:outline-level=\"")
                            .append(h.level())
                            .append("\">")
                            .append(xml(h.text()))
                            .append("</text:h>\n");
                case Element.Paragraph p ->
                    body.append("<text:p>").append(xml(p.text())).append("</text:p>\n");
                case Element.Bullet b -> {
                    boolean first = i == 0 || !(elements.get(i - 1) instanceof Element.Bullet);
                    boolean last = i == elements.size() - 1 || !(elements.get(i + 1) instanceof Element.Bullet);
                    if (first) {
                        body.append("<text:list>\n");
                    }
                    body.append("<text:list-item><text:p>")
                            .append(xml(b.text()))
                            .append("</text:p></text:list-item>\n");
                    if (last) {
                        body.append("</text:list>\n");
                    }
                }
                case Element.Table t -> {
                    tables++;
                    appendTable(body, "Table" + tables, t.header(), t.rows());
                }
            }
        }
        write(file, TEXT_TYPE, title, "<office:text>\n" + body + "</office:text>");
    }

    static void writeSpreadsheet(Path file, List<Sheet> sheets) throws IOException {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("sheets must not be empty");
        }
        StringBuilder body = new StringBuilder();
        for (Sheet sheet : sheets) {
            List<List<String>> rows = sheet.rows();
            appendTable(
                    body,
                    sheet.name(),
                    rows.isEmpty() ? List.of() : rows.getFirst(),
                    rows.isEmpty() ? List.of() : rows.subList(1, rows.size()));
        }
        write(file, SPREADSHEET_TYPE, "", "<office:spreadsheet>\n" + body + "</office:spreadsheet>");
    }

    /** Slides as LibreOffice Impress writes them: a title frame, an outline frame with a list, a notes page. */
    static void writePresentation(Path file, String title, List<Slide> slides) throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < slides.size(); i++) {
            Slide slide = slides.get(i);
            body.append("<draw:page draw:name=\"page").append(i + 1).append("\">\n");
            body.append("<draw:frame presentation:class=\"title\"><draw:text-box><text:p>")
                    .append(xml(slide.title()))
                    .append("</text:p></draw:text-box></draw:frame>\n");
            if (!slide.bullets().isEmpty()) {
                body.append("<draw:frame presentation:class=\"outline\"><draw:text-box><text:list>");
                for (String bullet : slide.bullets()) {
                    body.append("<text:list-item><text:p>").append(xml(bullet)).append("</text:p></text:list-item>");
                }
                body.append("</text:list></draw:text-box></draw:frame>\n");
            }
            if (!slide.notes().isEmpty()) {
                body.append("<presentation:notes><draw:frame presentation:class=\"notes\"><draw:text-box><text:p>")
                        .append(xml(slide.notes()))
                        .append("</text:p></draw:text-box></draw:frame></presentation:notes>\n");
            }
            body.append("</draw:page>\n");
        }
        write(file, PRESENTATION_TYPE, title, "<office:presentation>\n" + body + "</office:presentation>");
    }

    private static void appendTable(StringBuilder out, String name, List<String> header, List<List<String>> rows) {
        int width = header.size();
        for (List<String> row : rows) {
            width = Math.max(width, row.size());
        }
        out.append("<table:table table:name=\"").append(xml(name)).append("\">\n");
        out.append("<table:table-column table:number-columns-repeated=\"")
                .append(Math.max(1, width))
                .append("\"/>\n");
        appendRow(out, header);
        for (List<String> row : rows) {
            appendRow(out, row);
        }
        out.append("</table:table>\n");
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
        out.append("<table:table-row>");
        if (cells.isEmpty()) {
            out.append("<table:table-cell/>"); // a row holds at least one cell
        }
        for (String cell : cells) {
            if (cell.isEmpty()) {
                out.append("<table:table-cell/>");
            } else if (PLAIN_NUMBER.matcher(cell).matches()) {
                out.append("<table:table-cell office:value-type=\"float\" office:value=\"")
                        .append(cell)
                        .append("\"><text:p>")
                        .append(cell)
                        .append("</text:p></table:table-cell>");
            } else {
                out.append("<table:table-cell office:value-type=\"string\"><text:p>")
                        .append(xml(cell))
                        .append("</text:p></table:table-cell>");
            }
        }
        out.append("</table:table-row>\n");
    }

    private static void write(Path file, String mediaType, String title, String body) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("META-INF/manifest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
                manifest:version="1.2">
                 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="%s"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """.formatted(mediaType));
        entries.put("meta.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:dc="http://purl.org/dc/elements/1.1/" \
                xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">
                <office:meta><meta:generator>verity-testkit</meta:generator>%s\
                <meta:creation-date>2026-01-15T10:00:00</meta:creation-date></office:meta>
                </office:document-meta>
                """.formatted(title.isEmpty() ? "" : "<dc:title>" + xml(title) + "</dc:title>"));
        entries.put(
                "content.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" + NAMESPACES
                        + ">\n<office:body>\n" + body + "\n</office:body>\n</office:document-content>\n");
        ZipFiles.writePackage(file, mediaType, entries);
    }
}
