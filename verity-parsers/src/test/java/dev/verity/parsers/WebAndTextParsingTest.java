package dev.verity.parsers;

import static dev.verity.testkit.files.Element.heading;
import static dev.verity.testkit.files.Element.paragraph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTML, Markdown and plain text, which Verity reads itself rather than through Tika. */
class WebAndTextParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();

    @TempDir
    Path dir;

    @Test
    void keepsTheArticleOfAWebPageAndDropsItsBoilerplate() throws Exception {
        Path html = SampleFiles.html(dir.resolve("pricing.html"), "Pricing | Acme", SampleFiles.PRICING_GUIDE);

        ParsedDocument doc = PARSER.parse(html, "pricing.html");

        assertThat(doc.text()).contains("This guide explains how Acme plans are priced and billed.");
        for (String boilerplate : SampleFiles.HTML_BOILERPLATE) {
            assertThat(doc.text()).as("boilerplate \"%s\"", boilerplate).doesNotContain(boilerplate);
        }
        assertThat(doc.text()).doesNotContain("Accept", "Another story");
    }

    @Test
    void mapsHtmlHeadingsListsAndTables() throws Exception {
        Path html = SampleFiles.html(dir.resolve("pricing.html"), "Pricing | Acme", SampleFiles.PRICING_GUIDE);

        ParsedDocument doc = PARSER.parse(html, "pricing.html");

        assertThat(doc.title()).isEqualTo("Pricing | Acme");
        assertThat(doc.kind()).isEqualTo(DocumentKind.PROSE);
        assertThat(Blocks.headings(doc)).containsExactly("1 Pricing guide", "2 Plans", "2 Refunds");
        assertThat(Blocks.listItems(doc)).containsExactly("Billed monthly or yearly", "Cancel at any time");
        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.headerLine()).isEqualTo("Plan | Price | Seats");
        assertThat(Blocks.rowLines(table)).contains("Team | $20 | 10 seats");
    }

    @Test
    void keepsTheHeaderOfAnArticleButNotTheBannerOfTheSite() throws Exception {
        Path html = SampleFiles.text(dir.resolve("post.html"), """
                <html><head><title>Blog</title></head><body>
                <header><a href="/">Acme blog home</a></header>
                <div role="navigation">Skip to content</div>
                <div class="site-sidebar">Archive links</div>
                <article><header><h1>Release 2.0</h1><p class="byline">By Dana</p></header>
                <p>Version 2.0 adds single sign-on.</p>
                <blockquote><p>It just works.</p></blockquote>
                <pre>verity ingest ./docs</pre>
                </article></body></html>
                """, StandardCharsets.UTF_8);

        ParsedDocument doc = PARSER.parse(html, "post.html");

        assertThat(Blocks.headings(doc)).containsExactly("1 Release 2.0");
        assertThat(Blocks.paragraphs(doc))
                .containsExactly(
                        "By Dana", "Version 2.0 adds single sign-on.", "It just works.", "verity ingest ./docs");
        assertThat(doc.text()).doesNotContain("Acme blog home", "Skip to content", "Archive links");
    }

    @Test
    void readsMarkdownHeadingsListsTablesAndCode() throws Exception {
        Path md = SampleFiles.text(dir.resolve("README.md"), """
                ---
                title: front matter is not text
                ---
                # Verity

                Self-hosted *retrieval* with [verified](https://example.com) citations.

                ## Install

                1. Download the jar
                2. Run it
                   - with Java 21

                ```
                java -jar verity.jar
                ```

                | Plan | Price | Seats |
                |------|-------|-------|
                | Team | $20   | 10 seats |
                """, StandardCharsets.UTF_8);

        ParsedDocument doc = PARSER.parse(md, "README.md");

        assertThat(doc.mediaType()).isEqualTo("text/markdown");
        assertThat(Blocks.headings(doc)).containsExactly("1 Verity", "2 Install");
        assertThat(Blocks.paragraphs(doc))
                .containsExactly("Self-hosted retrieval with verified citations.", "java -jar verity.jar");
        assertThat(Blocks.listItems(doc)).containsExactly("Download the jar", "Run it", "with Java 21");
        Block.Table table = Blocks.onlyTable(doc);
        assertThat(table.headerLine()).isEqualTo("Plan | Price | Seats");
        assertThat(Blocks.rowLines(table)).containsExactly("Team | $20 | 10 seats");
        assertThat(doc.text()).doesNotContain("front matter");
        assertThat(doc.title()).isEqualTo("Verity");
    }

    @Test
    void writesTheSameStructureFromTheMarkdownGenerator() throws Exception {
        Path md = SampleFiles.markdown(dir.resolve("guide.md"), SampleFiles.PRICING_GUIDE);

        ParsedDocument doc = PARSER.parse(md, "guide.md");

        assertThat(Blocks.headings(doc)).containsExactly("1 Pricing guide", "2 Plans", "2 Refunds");
        assertThat(Blocks.rowLines(Blocks.onlyTable(doc))).contains("Team | $20 | 10 seats");
    }

    @Test
    void splitsPlainTextIntoParagraphsAtBlankLines() throws Exception {
        Path txt = SampleFiles.text(dir.resolve("notes.txt"), """
                Release notes
                =============

                The importer now reads EPUB files
                and RTF files.

                Known issues
                ------------
                - Scanned PDFs need OCR
                - Encrypted files are rejected
                """, StandardCharsets.UTF_8);

        ParsedDocument doc = PARSER.parse(txt, "notes.txt");

        assertThat(Blocks.headings(doc)).containsExactly("1 Release notes", "2 Known issues");
        assertThat(Blocks.paragraphs(doc)).containsExactly("The importer now reads EPUB files and RTF files.");
        assertThat(Blocks.listItems(doc)).containsExactly("Scanned PDFs need OCR", "Encrypted files are rejected");
        assertThat(doc.title()).isEqualTo("Release notes");
    }

    @Test
    void detectsTheCharsetOfLegacyTextFiles() throws Exception {
        String german = "Die Straße nach Köln ist schön. Über Öl und Ärger spricht man nicht gern.\n\n"
                + "Grüße aus dem Büro: die Kaffeemaschine ist repariert.";
        Path latin1 = SampleFiles.text(dir.resolve("latin1.txt"), german, StandardCharsets.ISO_8859_1);
        Path windows = SampleFiles.text(
                dir.resolve("quotes.txt"),
                "Café “déjà vu” – the naïve résumé of the year, written in Word on Windows and saved as text.",
                Charset.forName("windows-1252"));
        Path utf16 = SampleFiles.text(
                dir.resolve("utf16.txt"), "\uFEFFUnicode text with a byte order mark.", StandardCharsets.UTF_16LE);

        assertThat(PARSER.parse(latin1, "latin1.txt").text()).isEqualTo(german);
        assertThat(PARSER.parse(windows, "quotes.txt").text()).contains("Café “déjà vu” – the naïve résumé");
        assertThat(PARSER.parse(utf16, "utf16.txt").text()).isEqualTo("Unicode text with a byte order mark.");
    }

    @Test
    void readsTextWithoutAFileNameExtensionAsText() throws Exception {
        Path file =
                SampleFiles.text(dir.resolve("NOTES"), "Remember to renew the certificate.", StandardCharsets.UTF_8);

        ParsedDocument doc = PARSER.parse(file, "NOTES");

        assertThat(doc.mediaType()).isEqualTo("text/plain");
        assertThat(Blocks.paragraphs(doc)).containsExactly("Remember to renew the certificate.");
        assertThat(doc.title()).isEqualTo("NOTES");
    }

    @Test
    void usesTheFileNameAsTitleWhenAProseDocumentHasNoneOfItsOwn() throws Exception {
        Path file = SampleFiles.markdown(dir.resolve("plain.md"), List.of(paragraph("No headings here.")));
        Path titled = SampleFiles.markdown(dir.resolve("titled.md"), List.of(heading(2, "Setup"), paragraph("x")));

        assertThat(PARSER.parse(file, "plain.md").title()).isEqualTo("plain.md");
        assertThat(PARSER.parse(titled, "titled.md").title()).isEqualTo("Setup");
    }
}
