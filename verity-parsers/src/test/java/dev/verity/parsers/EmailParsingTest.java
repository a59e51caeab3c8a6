package dev.verity.parsers;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.Block;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.Email;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    private static final ZonedDateTime SENT = ZonedDateTime.of(2026, 3, 3, 10, 15, 0, 0, ZoneId.of("Europe/Berlin"));
    private static final Email MEMO = Email.plain(
                    "Alice Example <alice@example.com>",
                    "bob@example.com",
                    "Q1 numbers – final",
                    SENT,
                    "Hi Bob,\n\nthe final Q1 numbers are attached.\nRevenue grew 12 percent.\n\nAlice")
            .withCc("carol@example.com");

    @TempDir
    Path dir;

    @Test
    void keepsTheHeadersInOrderAndTakesTheSubjectAsTitle() throws Exception {
        ParsedDocument doc = PARSER.parse(SampleFiles.eml(dir.resolve("memo.eml"), MEMO), "memo.eml");

        assertThat(doc.kind()).isEqualTo(DocumentKind.EMAIL);
        assertThat(doc.mediaType()).isEqualTo("message/rfc822");
        assertThat(doc.headers())
                .containsExactly(
                        entry("From", "Alice Example <alice@example.com>"),
                        entry("To", "bob@example.com"),
                        entry("Cc", "carol@example.com"),
                        entry("Date", "Tue, 3 Mar 2026 10:15:00 +0100"),
                        entry("Subject", "Q1 numbers – final"));
        assertThat(doc.title()).isEqualTo("Q1 numbers – final");
    }

    @Test
    void anEncryptedMessageIsRejectedAsEncryptedNotAsHavingNoText() throws Exception {
        Path pgp = dir.resolve("secret.eml");
        java.nio.file.Files.writeString(pgp, """
                From: Alice Example <alice@example.com>
                To: bob@example.com
                Subject: Salaries
                Mime-Version: 1.0
                Content-Type: multipart/encrypted; boundary=foo; protocol="application/pgp-encrypted"

                --foo
                Content-Type: application/pgp-encrypted

                Version: 1

                --foo
                Content-Type: application/octet-stream

                -----BEGIN PGP MESSAGE-----
                hIwDY32hYGCE8MkBA/wOu7d45aUxF4Q0RKJprD3v5Z9K1YcRJ2fve87lMlDlx4Oj
                -----END PGP MESSAGE-----

                --foo--
                """.replace("\n", "\r\n"));

        assertThatThrownBy(() -> PARSER.parse(pgp, "secret.eml"))
                .isInstanceOf(dev.verity.ingestion.parsing.DocumentRejectedException.class)
                .satisfies(e -> assertThat(((dev.verity.ingestion.parsing.DocumentRejectedException) e)
                                .rejection()
                                .reason())
                        .isEqualTo(dev.verity.ingestion.parsing.RejectionReason.ENCRYPTED))
                .hasMessageContaining("PGP/MIME");
    }

    @Test
    void readsThePlainTextBodyAsParagraphs() throws Exception {
        ParsedDocument doc = PARSER.parse(SampleFiles.eml(dir.resolve("memo.eml"), MEMO), "memo.eml");

        assertThat(Blocks.paragraphs(doc))
                .containsExactly("Hi Bob,", "the final Q1 numbers are attached. Revenue grew 12 percent.", "Alice");
    }

    @Test
    void prefersThePlainTextAlternativeOverTheHtmlOne() throws Exception {
        Email both = MEMO.withHtmlBody("<html><body><p>HTML version of the memo</p></body></html>");

        ParsedDocument doc = PARSER.parse(SampleFiles.eml(dir.resolve("both.eml"), both), "both.eml");

        assertThat(doc.text()).contains("Revenue grew 12 percent.").doesNotContain("HTML version");
    }

    @Test
    void cleansAnHtmlOnlyBodyLikeAWebPage() throws Exception {
        Email html = new Email(
                "news@example.com",
                List.of("bob@example.com"),
                List.of(),
                "Newsletter",
                SENT,
                "",
                "<html><head><style>p{color:red}</style></head><body><nav>Home | Archive</nav>"
                        + "<h2>This week</h2><p>The office opens at <b>8 am</b> from Monday.</p>"
                        + "<footer>Unsubscribe here</footer></body></html>",
                List.of());

        ParsedDocument doc = PARSER.parse(SampleFiles.eml(dir.resolve("news.eml"), html), "news.eml");

        assertThat(Blocks.headings(doc)).containsExactly("2 This week");
        assertThat(Blocks.paragraphs(doc)).containsExactly("The office opens at 8 am from Monday.");
        assertThat(doc.text()).doesNotContain("Archive", "Unsubscribe", "color");
    }

    @Test
    void appendsTheTextOfAttachmentsUnderAHeadingNamingThem() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("q1-report.pdf"), "Q1 report", List.of("Revenue by region is in the table."));
        Path xlsx = SampleFiles.xlsx(
                dir.resolve("q1.xlsx"), Sheet.of("Revenue", List.of("Region", "Revenue"), List.of("EMEA", "1200")));
        Email withFiles = MEMO.withAttachment(Email.Attachment.of(pdf, "application/pdf"))
                .withAttachment(
                        Email.Attachment.of(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

        ParsedDocument doc = PARSER.parse(SampleFiles.eml(dir.resolve("files.eml"), withFiles), "files.eml");

        assertThat(Blocks.headings(doc))
                .containsExactly("1 Attachment: q1-report.pdf", "1 Attachment: q1.xlsx", "2 Revenue");
        int pdfHeading = Blocks.indexOfText(doc, "Attachment: q1-report.pdf");
        assertThat(Blocks.indexOfText(doc, "Revenue by region is in the table."))
                .isEqualTo(pdfHeading + 1);
        assertThat(Blocks.rowLines(Blocks.onlyTable(doc))).containsExactly("EMEA | 1200");
        assertThat(Blocks.indexOfText(doc, "Revenue grew 12 percent.")).isLessThan(pdfHeading);
        assertThat(doc.title()).isEqualTo("Q1 numbers – final");
    }

    @Test
    void skipsAttachmentsItCannotReadButKeepsTheMessage() throws Exception {
        Path png = SampleFiles.png(dir.resolve("logo.png"));
        Path encrypted = SampleFiles.encryptedPdf(dir.resolve("secret.pdf"), "pw", "Top secret.");
        Email withFiles = MEMO.withAttachment(Email.Attachment.of(png, "image/png"))
                .withAttachment(Email.Attachment.of(encrypted, "application/pdf"));

        ParsedDocument doc = PARSER.parse(SampleFiles.eml(dir.resolve("skip.eml"), withFiles), "skip.eml");

        assertThat(Blocks.headings(doc)).isEmpty();
        assertThat(doc.text()).contains("Revenue grew 12 percent.").doesNotContain("Top secret");
    }

    @Test
    void followsAttachedMessagesOnlyAsDeepAsAllowed() throws Exception {
        Path pdf = SampleFiles.pdf(dir.resolve("inner.pdf"), "Inner attachment text.");
        Path inner = SampleFiles.eml(
                dir.resolve("inner.eml"),
                Email.plain(
                                "dana@example.com",
                                "alice@example.com",
                                "Original request",
                                SENT,
                                "Please send the numbers.")
                        .withAttachment(Email.Attachment.of(pdf, "application/pdf")));
        Path outer = SampleFiles.eml(
                dir.resolve("outer.eml"), MEMO.withAttachment(Email.Attachment.of(inner, "message/rfc822")));

        ParsedDocument deep = PARSER.parse(outer, "outer.eml");
        ParsedDocument shallow = new RoutingDocumentParser(
                        ParserSettings.defaults().withMaxAttachmentDepth(1))
                .parse(outer, "outer.eml");
        ParsedDocument none =
                new RoutingDocumentParser(ParserSettings.defaults().withMaxAttachments(0)).parse(outer, "outer.eml");

        assertThat(Blocks.headings(deep)).containsExactly("1 Attachment: inner.eml", "2 Attachment: inner.pdf");
        assertThat(deep.text())
                .contains("From: dana@example.com", "Please send the numbers.", "Inner attachment text.");
        assertThat(Blocks.headings(shallow)).containsExactly("1 Attachment: inner.eml");
        assertThat(shallow.text()).contains("Please send the numbers.").doesNotContain("Inner attachment text.");
        assertThat(none.text()).doesNotContain("Please send the numbers.");
    }

    @Test
    void decodesEncodedWordsInHeaders() throws Exception {
        Path eml = SampleFiles.text(dir.resolve("encoded.eml"), """
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.com>\r
                To: team@example.com\r
                Subject: =?ISO-8859-1?Q?=DCbersicht_f=FCr_M=E4rz?=\r
                Date: Mon, 2 Mar 2026 09:00:00 +0100\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                Die Übersicht für März liegt bei.\r
                """, StandardCharsets.UTF_8);

        ParsedDocument doc = PARSER.parse(eml, "encoded.eml");

        assertThat(doc.headers())
                .containsEntry("From", "Jürgen Müller <jm@example.com>")
                .containsEntry("Subject", "Übersicht für März")
                .doesNotContainKey("Cc");
        assertThat(Blocks.paragraphs(doc)).containsExactly("Die Übersicht für März liegt bei.");
        assertThat(doc.blocks()).allSatisfy(b -> assertThat(b).isInstanceOf(Block.Paragraph.class));
    }
}
