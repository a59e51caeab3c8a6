package dev.verity.parsers.web;

import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import dev.verity.parsers.format.StructureHandler;
import dev.verity.parsers.format.TextFiles;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads HTML with jsoup and keeps the article, not the site around it. Removed before the text is read:
 *
 * <ul>
 *   <li>non-content elements: script, style, noscript, template, iframe, svg, form, button…;
 *   <li>page chrome: nav, aside, and header/footer unless inside an article or main (there they belong to it);
 *   <li>ARIA landmarks for chrome: {@code role=navigation|banner|contentinfo|search};
 *   <li>elements whose class or id is made of a chrome word: nav, menu, breadcrumb, footer, cookie, consent,
 *       sidebar… (split on {@code -} and {@code _}, so {@code cookie-banner} matches and {@code menuet} does not).
 * </ul>
 *
 * The rest is structured by {@link StructureHandler}, like Tika's XHTML. The file is decoded by {@link TextFiles}
 * (a {@code <meta charset>} is honoured).
 */
public final class HtmlReader implements FormatReader {
    private static final String NON_CONTENT = "script, style, noscript, template, iframe, frame, frameset, svg, math,"
            + " canvas, object, embed, form, button, select, input, textarea, dialog, nav, aside, [hidden],"
            + " [aria-hidden=true], [role=navigation], [role=banner], [role=contentinfo], [role=search]";
    private static final Set<String> CHROME_WORDS = Set.of(
            "nav",
            "navbar",
            "navigation",
            "menu",
            "menubar",
            "breadcrumb",
            "breadcrumbs",
            "footer",
            "cookie",
            "cookies",
            "consent",
            "gdpr",
            "sidebar",
            "skiplink");
    private static final Set<String> NEVER_REMOVED = Set.of("html", "body", "main", "article");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("[-_\\s]+");

    private final TextFiles textFiles;

    public HtmlReader(TextFiles textFiles) {
        this.textFiles = textFiles;
    }

    /** @return the page title from {@code <title>}, empty when there is none */
    @Override
    public Result read(Source source, Sink sink) throws IOException {
        return Result.titled(readHtml(textFiles.read(source.file(), source.mediaType()), sink));
    }

    private static String readHtml(String html, Sink sink) {
        Document doc = Jsoup.parse(html);
        String title = doc.title().strip();
        appendBody(doc, sink);
        return title;
    }

    /** Adds the content of an HTML fragment or page (e.g. an e-mail body) to the sink. */
    public static void appendBody(Document doc, Sink sink) {
        strip(doc);
        StructureHandler handler = new StructureHandler(sink, StructureHandler.Options.prose());
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof Element e) {
                            handler.open(e.normalName(), e.className());
                        } else if (node instanceof TextNode t) {
                            handler.text(t.getWholeText());
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            handler.close(e.normalName());
                        }
                    }
                },
                doc.body());
        handler.finish();
    }

    private static void strip(Document doc) {
        doc.select(NON_CONTENT).remove();
        for (Element e : doc.select("header, footer")) {
            if (e.closest("article, main") == null) {
                e.remove();
            }
        }
        List<Element> chrome = doc.body().select("[class], [id]").stream()
                .filter(e -> !NEVER_REMOVED.contains(e.normalName()))
                .filter(e -> isChrome(e.className()) || isChrome(e.id()))
                .toList();
        for (Element e : chrome) {
            if (e.parent() != null) {
                e.remove();
            }
        }
    }

    private static boolean isChrome(String names) {
        if (names.isBlank()) {
            return false;
        }
        for (String word : WORD_SEPARATOR.split(names.toLowerCase(Locale.ROOT))) {
            if (CHROME_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
