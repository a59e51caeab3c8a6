package dev.verity.testkit.files;

import static dev.verity.testkit.files.Markup.xml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes EPUB 3 books by hand: {@code mimetype}, {@code META-INF/container.xml}, the package document
 * ({@code content.opf}) with its manifest and spine, a navigation document and one XHTML file per chapter. A new
 * chapter starts at every level-1 heading.
 */
final class EpubWriter {
    private EpubWriter() {}

    static void write(Path file, String title, List<Element> elements) throws IOException {
        List<List<Element>> chapters = splitIntoChapters(elements);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("META-INF/container.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                  <rootfiles>
                    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
                  </rootfiles>
                </container>
                """);
        StringBuilder manifest = new StringBuilder(
                "    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n");
        StringBuilder spine = new StringBuilder();
        StringBuilder toc = new StringBuilder();
        for (int i = 0; i < chapters.size(); i++) {
            String id = "chapter-" + (i + 1);
            manifest.append("    <item id=\"")
                    .append(id)
                    .append("\" href=\"")
                    .append(id)
                    .append(".xhtml\" media-type=\"application/xhtml+xml\"/>\n");
            spine.append("    <itemref idref=\"").append(id).append("\"/>\n");
            toc.append("      <li><a href=\"")
                    .append(id)
                    .append(".xhtml\">")
                    .append(xml(chapterTitle(chapters.get(i), i + 1)))
                    .append("</a></li>\n");
        }
        entries.put("OEBPS/content.opf", """
                <?xml version="1.0" encoding="UTF-8"?>
                <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id">
                  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                    <dc:identifier id="book-id">urn:uuid:6b1f1f44-64c5-4e43-9a4c-0d0c1f5a2b10</dc:identifier>
                    <dc:title>%s</dc:title>
                    <dc:language>en</dc:language>
                    <meta property="dcterms:modified">2026-01-15T10:00:00Z</meta>
                  </metadata>
                  <manifest>
                %s  </manifest>
                  <spine>
                %s  </spine>
                </package>
                """.formatted(xml(title), manifest, spine));
        entries.put("OEBPS/nav.xhtml", xhtml("Contents", """
                  <nav epub:type="toc" id="toc">
                    <ol>
                %s    </ol>
                  </nav>
                """.formatted(toc)));
        for (int i = 0; i < chapters.size(); i++) {
            entries.put(
                    "OEBPS/chapter-" + (i + 1) + ".xhtml",
                    xhtml(chapterTitle(chapters.get(i), i + 1), HtmlWriter.body(chapters.get(i))));
        }
        ZipFiles.writePackage(file, "application/epub+zip", entries);
    }

    private static List<List<Element>> splitIntoChapters(List<Element> elements) {
        List<List<Element>> chapters = new ArrayList<>();
        for (Element element : elements) {
            if (chapters.isEmpty() || (element instanceof Element.Heading h && h.level() == 1)) {
                chapters.add(new ArrayList<>());
            }
            chapters.getLast().add(element);
        }
        if (chapters.isEmpty()) {
            throw new IllegalArgumentException("elements must not be empty");
        }
        return chapters;
    }

    private static String chapterTitle(List<Element> chapter, int number) {
        return chapter.getFirst() instanceof Element.Heading h ? h.text() : "Chapter " + number;
    }

    private static String xhtml(String title, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
                <head><title>%s</title></head>
                <body>
                %s</body>
                </html>
                """.formatted(xml(title), body);
    }
}
