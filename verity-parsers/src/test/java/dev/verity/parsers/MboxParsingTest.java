package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.testkit.files.Email;
import dev.verity.testkit.files.SampleFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MboxParsingTest {
    private static final RoutingDocumentParser PARSER = new RoutingDocumentParser();
    private static final ZonedDateTime SENT = ZonedDateTime.of(2026, 3, 3, 10, 15, 0, 0, ZoneId.of("Europe/Berlin"));

    @TempDir
    Path dir;

    @Test
    void readsEveryMessageAsASectionNamedBySubjectSenderAndDate() throws Exception {
        Path mbox = SampleFiles.mbox(
                dir.resolve("archive.mbox"),
                List.of(
                        Email.plain(
                                "Alice Example <alice@example.com>",
                                "bob@example.com",
                                "Budget 2026",
                                SENT,
                                "The budget for 2026 is 1.2 million euros."),
                        Email.plain(
                                "Bob Example <bob@example.com>",
                                "alice@example.com",
                                "Re: Budget 2026",
                                SENT.plusHours(2),
                                "Agreed, the travel share stays at 10 percent.")));

        ParsedDocument doc = PARSER.parse(mbox, "archive.mbox");

        assertThat(doc.kind()).isEqualTo(DocumentKind.EMAIL);
        assertThat(doc.mediaType()).isEqualTo("application/mbox");
        assertThat(doc.title()).isEqualTo("archive.mbox");
        assertThat(Blocks.headings(doc))
                .containsExactly(
                        "1 Budget 2026 (from Alice Example, Tue, 3 Mar 2026 10:15:00 +0100)",
                        "1 Re: Budget 2026 (from Bob Example, Tue, 3 Mar 2026 12:15:00 +0100)");
        assertThat(doc.text()).contains("1.2 million euros", "travel share stays at 10 percent");
        assertThat(Blocks.indexOfText(doc, "1.2 million")).isLessThan(Blocks.indexOfText(doc, "Re: Budget 2026"));
    }

    @Test
    void bodyLinesStartingWithFromAreUnquotedAndDoNotSplitTheMessage() throws Exception {
        Path mbox = SampleFiles.mbox(
                dir.resolve("quoted.mbox"),
                List.of(Email.plain(
                        "alice@example.com",
                        "bob@example.com",
                        "Quote",
                        SENT,
                        "Here is what he wrote:\n\nFrom the start we planned two phases.\n>From the archive too.")));
        assertThat(Files.readString(mbox)).contains("\n>From the start", "\n>>From the archive");

        ParsedDocument doc = PARSER.parse(mbox, "quoted.mbox");

        assertThat(Blocks.headings(doc)).hasSize(1);
        assertThat(doc.text())
                .contains("From the start we planned two phases.", ">From the archive too.")
                .doesNotContain(">From the start");
    }

    @Test
    void includesAttachmentsAndDecodesNonAsciiHeaders() throws Exception {
        Path pdf = SampleFiles.pdf(
                dir.resolve("bericht.pdf"), "Quartalsbericht", List.of("Der Umsatz stieg um zwölf Prozent."));
        Path mbox = SampleFiles.mbox(
                dir.resolve("de.mbox"),
                List.of(
                        Email.plain(
                                        "Jürgen Müller <jm@example.de>",
                                        "team@example.de",
                                        "Überblick für Q1 – Größen",
                                        SENT,
                                        "Anbei der Bericht.")
                                .withAttachment(Email.Attachment.of(pdf, "application/pdf")),
                        Email.plain("zoë@example.fr", "team@example.de", "Café ☕", SENT, "Merci.")));

        ParsedDocument doc = PARSER.parse(mbox, "de.mbox");

        assertThat(Blocks.headings(doc))
                .contains(
                        "1 Überblick für Q1 – Größen (from Jürgen Müller, Tue, 3 Mar 2026 10:15:00 +0100)",
                        "1 Café ☕ (from zoë@example.fr, Tue, 3 Mar 2026 10:15:00 +0100)");
        assertThat(doc.text()).contains("Der Umsatz stieg um zwölf Prozent.");
        assertThat(Blocks.headings(doc)).anySatisfy(h -> assertThat(h).startsWith("2 Attachment: bericht.pdf"));
    }

    @Test
    void aFileThatIsNoMailboxIsRejectedAsCorrupt() throws Exception {
        Path file = Files.writeString(
                dir.resolve("fake.mbox"), "From nobody\nnot a message at all\n", StandardCharsets.UTF_8);
        Path notMbox = Files.writeString(dir.resolve("other.mbox"), "Hello\nFrom here on\n");

        assertThat(catchRejection(file)).isEqualTo(RejectionReason.CORRUPT);
        assertThat(catchRejection(notMbox)).isEqualTo(RejectionReason.CORRUPT);
    }

    private RejectionReason catchRejection(Path file) {
        try {
            PARSER.parse(file, file.getFileName().toString());
            return null;
        } catch (DocumentRejectedException e) {
            return e.rejection().reason();
        }
    }
}
