package dev.verity.testkit.files;

import static dev.verity.testkit.files.Markup.xml;

import java.util.List;

/**
 * Writes HTML pages as content management systems do: the article wrapped in a site header, navigation menu, cookie
 * banner, sidebar, newsletter form, footer, scripts and styles. Each piece of boilerplate carries one of the
 * {@link #BOILERPLATE} sentences, so a test can check that none of it reaches the index.
 */
final class HtmlWriter {
    static final String SCRIPT_TEXT = "trackVisitorScriptMarker";
    static final String STYLE_TEXT = "styleSheetMarker";
    static final String HEADER_TEXT = "Acme Corp site banner";
    static final String NAV_TEXT = "Home Products Pricing Careers";
    static final String COOKIE_TEXT = "We use cookies to improve your experience";
    static final String ASIDE_TEXT = "Related articles you may like";
    static final String FORM_TEXT = "Subscribe to our newsletter";
    static final String FOOTER_TEXT = "Copyright 2026 Acme Corp. All rights reserved.";
    static final String NOSCRIPT_TEXT = "Please enable JavaScript";
    static final List<String> BOILERPLATE = List.of(
            SCRIPT_TEXT,
            STYLE_TEXT,
            HEADER_TEXT,
            NAV_TEXT,
            COOKIE_TEXT,
            ASIDE_TEXT,
            FORM_TEXT,
            FOOTER_TEXT,
            NOSCRIPT_TEXT);

    private HtmlWriter() {}

    static String page(String title, List<Element> elements) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>%s</title>
                  <style>body { font-family: sans-serif; } /* %s */</style>
                  <script>var marker = "%s"; window.dataLayer = [];</script>
                </head>
                <body>
                  <header class="site-header"><div class="logo">%s</div></header>
                  <nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/products">Products</a></li>\
                <li><a href="/pricing">Pricing</a></li><li><a href="/careers">Careers</a></li></ul></nav>
                  <div id="cookie-banner" class="cookie-consent"><p>%s.</p><button>Accept</button></div>
                  <main>
                    <article>
                %s    </article>
                    <aside><h3>%s</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
                  </main>
                  <form action="/subscribe"><label>%s</label><input type="email" name="email"></form>
                  <noscript>%s</noscript>
                  <footer><p>%s</p></footer>
                  <script src="/analytics.js"></script>
                </body>
                </html>
                """.formatted(
                        xml(title),
                        STYLE_TEXT,
                        SCRIPT_TEXT,
                        HEADER_TEXT,
                        COOKIE_TEXT,
                        body(elements),
                        ASIDE_TEXT,
                        FORM_TEXT,
                        NOSCRIPT_TEXT,
                        FOOTER_TEXT);
    }

    /** The elements as HTML (also valid XHTML), consecutive bullets forming one list. */
    static String body(List<Element> elements) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            switch (elements.get(i)) {
                case Element.Heading h ->
                    out.append("<h")
                            .append(h.level())
                            .append('>')
                            .append(xml(h.text()))
                            .append("</h")
                            .append(h.level())
                            .append(">\n");
                case Element.Paragraph p ->
                    out.append("<p>").append(xml(p.text())).append("</p>\n");
                case Element.Bullet b -> {
                    if (i == 0 || !(elements.get(i - 1) instanceof Element.Bullet)) {
                        out.append("<ul>\n");
                    }
                    out.append("  <li>").append(xml(b.text())).append("</li>\n");
                    if (i == elements.size() - 1 || !(elements.get(i + 1) instanceof Element.Bullet)) {
                        out.append("</ul>\n");
                    }
                }
                case Element.Table t -> {
                    out.append("<table>\n<thead><tr>");
                    t.header().forEach(c -> out.append("<th>").append(xml(c)).append("</th>"));
                    out.append("</tr></thead>\n<tbody>\n");
                    for (List<String> row : t.rows()) {
                        out.append("<tr>");
                        row.forEach(c -> out.append("<td>").append(xml(c)).append("</td>"));
                        out.append("</tr>\n");
                    }
                    out.append("</tbody>\n</table>\n");
                }
            }
        }
        return out.toString();
    }
}
